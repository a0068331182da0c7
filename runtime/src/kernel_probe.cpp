#include "memcgpp/runtime/kernel_probe.hpp"

#include <bpf/btf.h>
#include <fmt/format.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "system_error.hpp"

namespace memcgpp {
namespace {
constexpr const char* kernel_btf = "/sys/kernel/btf/vmlinux";
// A memcg_ops member that arrived with cgroup-scoped attach (BPF_F_CGROUP_FD).
constexpr const char* cgroup_scope_hook = "memcg_uncharged";
} // namespace

bool kernel_features::has_hook(const std::string& name) const {
  return std::find(hooks.begin(), hooks.end(), name) != hooks.end();
}

bool kernel_features::cgroup_scoped() const { return has_hook(cgroup_scope_hook); }

status kernel_features::require_cgroup_scope() const {
  if (cgroup_scoped())
    return {};
  utsname host{};
  uname(&host);
  return error(errc::kernel_lacks_cgroup_scope,
               fmt::format("this kernel ({}) attaches memcg_ops policies only globally: its memcg_ops has no "
                           "{} member, which comes with cgroup-scoped policies; boot a kernel whose memcgpp "
                           "series has them (make vm-shell boots one), or attach the policy globally, "
                           "without a cgroup",
                           host.release, cgroup_scope_hook));
}

result<kernel_features> probe_kernel(const std::string& btf_path) {
  btf* vmlinux = btf_path.empty() ? btf__load_vmlinux_btf() : btf__parse(btf_path.c_str(), nullptr);
  if (!vmlinux) {
    const int err = errno;
    // There but unreadable: a matter of privileges, not of the kernel.
    const std::string path = btf_path.empty() ? kernel_btf : btf_path;
    const bool there = access(path.c_str(), F_OK) == 0 || errno == EACCES;
    if (there && access(path.c_str(), R_OK) != 0)
      return detail::system_error(fmt::format("read the kernel's BTF ({})", path), EACCES);
    return error(errc::kernel_lacks_memcg_ops,
                 fmt::format("cannot read the kernel's BTF ({}): memcgpp needs a kernel with "
                             "CONFIG_DEBUG_INFO_BTF and the memcg_ops patch (boot it: make vm-shell)",
                             std::strerror(err)));
  }
  const int id = btf__find_by_name_kind(vmlinux, "memcg_ops", BTF_KIND_STRUCT);
  if (id < 0) {
    utsname host{};
    uname(&host);
    btf__free(vmlinux);
    return error(errc::kernel_lacks_memcg_ops,
                 fmt::format("this kernel ({}) has no memcg_ops: boot a kernel with the memcgpp "
                             "patch series (make vm-shell boots one)",
                             host.release));
  }
  kernel_features features;
  const btf_type* type = btf__type_by_id(vmlinux, id);
  const btf_member* members = btf_members(type);
  for (int i = 0; i < btf_vlen(type); ++i)
    features.hooks.emplace_back(btf__name_by_offset(vmlinux, members[i].name_off));
  btf__free(vmlinux);
  return features;
}

} // namespace memcgpp
