#include "memcgpp/runtime/introspect.hpp"

#include <bpf/bpf.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "system_error.hpp"

namespace memcgpp {
namespace {

constexpr std::uint32_t link_type_struct_ops = 9; // BPF_LINK_TYPE_STRUCT_OPS

// bpf_link_info's struct_ops member (6.4) is newer than some UAPI headers:
// its map_id is the first word after the header fields.
std::uint32_t struct_ops_map_id(const bpf_link_info& info) {
  std::uint32_t map_id = 0;
  std::memcpy(&map_id, reinterpret_cast<const char*>(&info) + offsetof(bpf_link_info, raw_tracepoint),
              sizeof(map_id));
  return map_id;
}

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
  bpf_link_info link{};
  __u32 size = sizeof(link);
  if (bpf_obj_get_info_by_fd(link_fd, &link, &size) != 0)
    return detail::system_error("read a link's info", errno);
  if (link.type != link_type_struct_ops)
    return error(errc::not_found, "not a struct_ops link");
  attached_policy policy;
  policy.link_id = link.id;
  policy.map_id = struct_ops_map_id(link);
  const fd_guard map(bpf_map_get_fd_by_id(policy.map_id));
  bpf_map_info map_info{};
  size = sizeof(map_info);
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

} // namespace

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
  return policies;
}

result<attached_policy> pinned_policy(const std::string& path) {
  const fd_guard link(bpf_obj_get(path.c_str()));
  if (link.get() < 0)
    return detail::system_error(fmt::format("open pinned policy {}", path), errno);
  auto policy = describe_link(link.get());
  if (!policy && policy.err().code() == errc::not_found)
    return error(errc::not_found, fmt::format("{} is not a pinned memcg_ops policy", path));
  return policy;
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
