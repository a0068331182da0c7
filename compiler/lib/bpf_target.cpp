#include "bpf_target.hpp"

namespace memcgpp::compiler {

std::vector<std::string> bpf_driver_arguments(const compile_options& options) {
  std::vector<std::string> args = {
      "clang++",
      "-target", "bpf",
      // BPF v3: 32-bit jumps and atomics, which every kernel with memcg_ops has.
      "-mcpu=v3",
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
