#include "bpf_target.hpp"

namespace memcgpp::compiler {

std::vector<std::string> bpf_driver_arguments(const compile_options& options) {
  std::vector<std::string> args = {
      "clang++",
      "-target", "bpf",
      // BPF v4 (kernel 6.6): v3's 32-bit jumps and atomics, and stores of
      // immediates, which save a register load; every memcg_ops kernel has it.
      "-mcpu=v4",
      "-std=c++20",
      "-O2",
      // Debug info becomes BTF and line info (.BTF.ext).
      "-g",
      // Output must not depend on where it was built.
      "-fdebug-compilation-dir=.",
      "-fno-exceptions",
      "-fno-rtti",
      "-fno-asynchronous-unwind-tables",
      // No empty .linker-options section, which libbpf warns about.
      "-fno-autolink",
      "-Wall",
      "-Wextra",
      // The SDK's <cstdint> and <cstddef> for a target without a C++ library.
      "-isystem", options.sdk_include_dir + "/memcgpp/freestanding",
      "-I", options.sdk_include_dir,
  };
  for (const auto& dir : options.include_dirs)
    args.push_back("-I" + dir);
  for (const auto& define : options.defines)
    args.push_back("-D" + define);
  args.push_back(options.color ? "-fcolor-diagnostics" : "-fno-color-diagnostics");
  args.push_back("-c");
  args.push_back(options.source);
  return args;
}

} // namespace memcgpp::compiler
