#include "link_info.hpp"

#include <bpf/bpf.h>
#include <poll.h>

#include <cerrno>
#include <cstddef>

#include "system_error.hpp"

namespace memcgpp::detail {

static_assert(offsetof(struct_ops_link_info, map_id) == offsetof(bpf_link_info, raw_tracepoint),
              "struct_ops_link_info must lay out as bpf_link_info does");
static_assert(sizeof(struct_ops_link_info) <= sizeof(bpf_link_info));

result<struct_ops_link_info> read_link_info(int link_fd) {
  struct_ops_link_info info{};
  __u32 size = sizeof(info);
  if (bpf_obj_get_info_by_fd(link_fd, &info, &size) != 0)
    return system_error("read a link's info", errno);
  return info;
}

bool link_attached(int link_fd) {
  pollfd fd{link_fd, POLLIN, 0};
  return poll(&fd, 1, 0) >= 0 && !(fd.revents & (POLLHUP | POLLERR | POLLNVAL));
}

} // namespace memcgpp::detail
