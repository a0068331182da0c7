#include "memcgpp/runtime/introspect.hpp"

#include <bpf/bpf.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "link_info.hpp"
#include "memcgpp/runtime/cgroup.hpp"
#include "system_error.hpp"

namespace memcgpp {
namespace {

class fd_guard {
public:
  explicit fd_guard(int fd) : fd_(fd) {}
  ~fd_guard() {
    if (fd_ >= 0)
      close(fd_);
  }
  int get() const { return fd_; }

private:
  int fd_;
};

// Describes a struct_ops link, if it attaches memcg_ops.
result<attached_policy> describe_link(int link_fd) {
  auto link = detail::read_link_info(link_fd);
  if (!link)
    return link.err();
  if (link->type != detail::link_type_struct_ops)
    return error(errc::not_found, "not a struct_ops link");
  // The kernel detached it itself: its cgroup was removed.
  if (link->map_id == 0)
    return error(errc::not_found, fmt::format("link {} is no longer attached (its cgroup was removed)", link->id));
  attached_policy policy;
  policy.link_id = link->id;
  policy.map_id = link->map_id;
  policy.cgroup_id = link->cgroup_id;
  const fd_guard map(bpf_map_get_fd_by_id(policy.map_id));
  bpf_map_info map_info{};
  __u32 size = sizeof(map_info);
  if (map.get() < 0 || bpf_obj_get_info_by_fd(map.get(), &map_info, &size) != 0)
    return detail::system_error("read a struct_ops map's info", errno);
  policy.name = map_info.name;
  // The kernel does not list a struct_ops map's programs; they are the
  // struct_ops programs loaded with the same object BTF as the map.
  std::set<std::uint32_t> maps;
  __u32 id = 0;
  while (bpf_prog_get_next_id(id, &id) == 0) {
    const fd_guard prog(bpf_prog_get_fd_by_id(id));
    std::uint32_t map_ids[32] = {};
    bpf_prog_info info{};
    info.nr_map_ids = 32;
    info.map_ids = reinterpret_cast<std::uint64_t>(map_ids);
    size = sizeof(info);
    if (prog.get() < 0 || bpf_obj_get_info_by_fd(prog.get(), &info, &size) != 0 ||
        info.type != BPF_PROG_TYPE_STRUCT_OPS || info.btf_id != map_info.btf_id)
      continue;
    policy.programs.push_back({info.id, info.name, info.verified_insns, info.run_cnt, info.run_time_ns});
    for (std::uint32_t i = 0; i < info.nr_map_ids && i < 32; ++i)
      maps.insert(map_ids[i]);
  }
  policy.map_ids.assign(maps.begin(), maps.end());
  return policy;
}

// Finds the paths of the cgroups the policies are attached to.
void resolve_cgroups(std::vector<attached_policy>& policies) {
  std::set<std::uint64_t> ids;
  for (const auto& policy : policies)
    if (!policy.global())
      ids.insert(policy.cgroup_id);
  const auto paths = cgroup_paths(ids);
  for (auto& policy : policies)
    if (auto found = paths.find(policy.cgroup_id); found != paths.end())
      policy.cgroup_path = found->second;
}

} // namespace

std::string attached_policy::scope() const {
  if (global())
    return "global";
  return cgroup_path.empty() ? fmt::format("cgroup {}", cgroup_id) : cgroup_path;
}

result<std::vector<attached_policy>> attached_policies() {
  std::vector<attached_policy> policies;
  __u32 id = 0;
  while (bpf_link_get_next_id(id, &id) == 0) {
    const fd_guard link(bpf_link_get_fd_by_id(id));
    if (link.get() < 0)
      continue;
    if (auto policy = describe_link(link.get()))
      policies.push_back(std::move(policy).value());
  }
  if (errno != ENOENT)
    return detail::system_error("list BPF links", errno);
  resolve_cgroups(policies);
  return policies;
}

result<attached_policy> pinned_policy(const std::string& path) {
  const fd_guard link(bpf_obj_get(path.c_str()));
  if (link.get() < 0)
    return detail::system_error(fmt::format("open pinned policy {}", path), errno);
  if (auto info = detail::read_link_info(link.get()); info && info->type == detail::link_type_struct_ops &&
                                                      info->map_id == 0)
    return error(errc::not_found, fmt::format("{} pins link {}, which the kernel detached when its cgroup was "
                                              "removed; `memcgpp detach {}` removes the pin",
                                              path, info->id, path));
  auto policy = describe_link(link.get());
  if (!policy && policy.err().code() == errc::not_found)
    return error(errc::not_found, fmt::format("{} is not a pinned memcg_ops policy", path));
  if (!policy)
    return policy;
  std::vector<attached_policy> one{std::move(policy).value()};
  resolve_cgroups(one);
  return std::move(one.front());
}

result<map_view> open_map(std::uint32_t id) {
  const int fd = bpf_map_get_fd_by_id(id);
  bpf_map_info info{};
  __u32 size = sizeof(info);
  if (fd < 0 || bpf_obj_get_info_by_fd(fd, &info, &size) != 0)
    return detail::system_error(fmt::format("open map {}", id), errno);
  return map_view(fd, info.name, info.type, info.key_size, info.value_size, info.max_entries);
}

} // namespace memcgpp
