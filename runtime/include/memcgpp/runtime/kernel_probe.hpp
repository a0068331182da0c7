// What the running kernel offers: whether it carries memcg_ops, which hooks
// (members) its memcg_ops has, and whether policies attach to cgroups.
#pragma once

#include <string>
#include <vector>

#include "result.hpp"

namespace memcgpp {

struct kernel_features {
  std::vector<std::string> hooks; // the members of struct memcg_ops
  bool has_hook(const std::string& name) const;
  // Whether a policy can attach to a cgroup's subtree (BPF_F_CGROUP_FD): the
  // series that brought cgroup-scoped policies also brought the
  // memcg_uncharged hook, so its presence tells. Older kernels attach only
  // globally, and may even ignore the cgroup they are given.
  bool cgroup_scoped() const;
  // The same, as an error that says what to boot when it is missing.
  status require_cgroup_scope() const;
};

// Reads the kernel's BTF (btf_path overrides /sys/kernel/btf/vmlinux, for
// tests). An error when the kernel has no memcg_ops: it says which kernel to
// boot.
result<kernel_features> probe_kernel(const std::string& btf_path = "");

} // namespace memcgpp
