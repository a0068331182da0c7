// A struct_ops link, as BPF_OBJ_GET_INFO_BY_FD describes it. The struct_ops
// member of bpf_link_info (6.4) and its cgroup_id (the cgroup-scoped series)
// are newer than some UAPI headers, so the runtime reads them through a
// layout-compatible struct of its own, whose size it passes as info_len.
#pragma once

#include <cstdint>

#include "memcgpp/runtime/result.hpp"

namespace memcgpp::detail {

constexpr std::uint32_t link_type_struct_ops = 9; // BPF_LINK_TYPE_STRUCT_OPS

struct struct_ops_link_info {
  // bpf_link_info's header
  std::uint32_t type = 0;
  std::uint32_t id = 0;
  std::uint32_t prog_id = 0;
  std::uint32_t pad_ = 0; // the union after it is 8-byte aligned
  // its struct_ops member
  std::uint32_t map_id = 0; // 0 once the kernel detached the policy itself
  std::uint32_t pad2_ = 0;
  std::uint64_t cgroup_id = 0; // 0 for a global attach, or a kernel without scoped policies
};

result<struct_ops_link_info> read_link_info(int link_fd);

// Whether the kernel still has the link's policy attached: a struct_ops link
// whose policy the kernel detached (its cgroup was removed) polls EPOLLHUP.
bool link_attached(int link_fd);

} // namespace memcgpp::detail
