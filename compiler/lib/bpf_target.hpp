// How memcgpp-compile invokes clang: the same driver arguments for parsing
// and for code generation, so that what was checked is what is compiled.
#pragma once

#include <string>
#include <vector>

namespace memcgpp::compiler {

struct compile_options {
  std::string source;                    // the policy file
  std::vector<std::string> include_dirs; // -I
  std::vector<std::string> defines;      // -D NAME[=VALUE]
  std::string sdk_include_dir;           // where <memcgpp/...> lives
  bool color = false;                    // coloured diagnostics
};

// A clang driver command line for the BPF target; the source comes last.
std::vector<std::string> bpf_driver_arguments(const compile_options& options);

} // namespace memcgpp::compiler
