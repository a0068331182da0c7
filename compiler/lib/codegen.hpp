// Pass 4: compiles the lowered translation unit for BPF, in this process,
// into an object file (or LLVM IR, or assembly). The lowered text stands in
// for the policy's file, so diagnostics and line info name the policy.
#pragma once

#include <string>

#include "bpf_target.hpp"

namespace memcgpp::compiler {

enum class emit_kind { object, llvm, assembly };

struct codegen_result {
  bool ok = false;
  // The back end found a program needing more than BPF's 512-byte stack;
  // its own message is held back, for the caller to report at the hook.
  bool stack_exceeded = false;
};

// Clang reports its diagnostics itself, but for the stack limit.
codegen_result codegen(const compile_options& options, const std::string& lowered_source,
                       const std::string& output_path, emit_kind emit);

} // namespace memcgpp::compiler
