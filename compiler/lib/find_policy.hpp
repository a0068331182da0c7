// Pass 1: finds the policy class in the main file and describes it: name,
// hooks, maps, parameters and ring buffers. Reports what is not a valid
// policy: no policy, unknown hooks (with "did you mean"), wrong hook
// signatures, members the lowering cannot bind, types that are not C-shaped.
#pragma once

#include <clang/AST/ASTContext.h>

#include <optional>

#include "diagnostics.hpp"
#include "policy_model.hpp"

namespace memcgpp::compiler {

// Empty when the file has no policy; otherwise the model, even if some of
// it was reported, so that later passes can report more.
std::optional<policy_model> find_policy(clang::ASTContext& context, diagnostics& diags);

} // namespace memcgpp::compiler
