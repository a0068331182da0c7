// Pass 3: lowers a policy to a translation unit that clang compiles into a
// BPF struct_ops object, by rewriting the policy's own source:
//  - each map, parameter and ring buffer member becomes a static constexpr
//    handle bound to a global that libbpf understands: a BTF-defined map in
//    .maps, or a const volatile variable in .rodata; the globals' types are
//    C structs named memcgpp_map_<member>;
//  - every function reachable from a hook is forced inline, so that no C++
//    function becomes a BPF subprogram with C++ types in its BTF;
//  - each hook the policy implements gets an extern "C" entry point in its
//    struct_ops section, named <policy>_<hook> within the kernel's 15
//    characters and returning what the kernel's member returns, and the
//    policy gets its `struct memcg_ops` value, named after the policy, with a
//    member for each of those hooks and no others, and a licence.
// Line numbers of the policy's code are kept, so diagnostics and line info
// point into the policy as written.
#pragma once

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>

#include <string>
#include <vector>

#include "policy_model.hpp"

namespace memcgpp::compiler {

// The name of a hook's BPF program: at most 15 characters.
std::string program_name(const policy_model& policy, const hook_spec& hook);

std::string lower(const policy_model& policy, clang::ASTContext& context,
                  const std::vector<const clang::FunctionDecl*>& reachable);

} // namespace memcgpp::compiler
