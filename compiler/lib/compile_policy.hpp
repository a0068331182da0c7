// The whole compilation, pass by pass: parse, find the policy, check the
// subset, lower, generate code.
#pragma once

#include <optional>
#include <string>

#include "bpf_target.hpp"
#include "codegen.hpp"

namespace memcgpp::compiler {

struct compile_request {
  compile_options options;
  std::string output;
  emit_kind emit = emit_kind::object;
  std::optional<std::string> dump_lowered; // where to write the lowered source
  std::optional<std::string> skeleton;     // where to write the skeleton header
};

// Whether an output was written; diagnostics went to stderr.
bool compile_policy(const compile_request& request);

} // namespace memcgpp::compiler
