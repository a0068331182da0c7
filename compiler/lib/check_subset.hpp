// Pass 2: checks that the code reachable from the policy's hooks stays in
// the subset that runs as a BPF program: no heap, exceptions, RTTI, virtual
// dispatch, indirect calls, recursion, floating point, inline asm, unbounded
// loops, calls to functions without a definition, or globals that need code
// to initialise or destroy them. Code no hook reaches may do anything.
// Returns the user functions reachable from the hooks, which the lowering
// inlines.
#pragma once

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>

#include <vector>

#include "diagnostics.hpp"
#include "policy_model.hpp"

namespace memcgpp::compiler {

std::vector<const clang::FunctionDecl*> check_subset(const policy_model& policy,
                                                      clang::ASTContext& context,
                                                      diagnostics& diags);

} // namespace memcgpp::compiler
