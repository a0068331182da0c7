// Pass 5: the typed C++ skeleton (--skeleton): a header that embeds the
// policy's BPF object and describes its hooks and their programs, maps,
// parameters and ring buffers with their C++ types, for user space (memcgpp's runtime) to load
// and use it without looking anything up by hand.
#pragma once

#include <clang/AST/ASTContext.h>

#include <string>
#include <string_view>

#include "policy_model.hpp"

namespace memcgpp::compiler {

std::string skeleton(const policy_model& policy, clang::ASTContext& context,
                     std::string_view object_bytes);

} // namespace memcgpp::compiler
