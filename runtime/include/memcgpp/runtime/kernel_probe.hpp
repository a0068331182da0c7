// What the running kernel offers: whether it carries memcg_ops, and which
// hooks (members) its memcg_ops has.
#pragma once

#include <string>
#include <vector>

#include "result.hpp"

namespace memcgpp {

struct kernel_features {
  std::vector<std::string> hooks; // the members of struct memcg_ops
  bool has_hook(const std::string& name) const;
};

// Reads the kernel's BTF (btf_path overrides /sys/kernel/btf/vmlinux, for
// tests). An error when the kernel has no memcg_ops: it says which kernel to
// boot.
result<kernel_features> probe_kernel(const std::string& btf_path = "");

} // namespace memcgpp
