#include "memcgpp/runtime/attachment.hpp"

#include <bpf/bpf.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "link_info.hpp"
#include "system_error.hpp"

namespace memcgpp {

attachment& attachment::operator=(attachment&& other) noexcept {
  if (this != &other) {
    (void)detach();
    fd_ = std::exchange(other.fd_, -1);
    pinned_ = other.pinned_;
  }
  return *this;
}

attachment::~attachment() { (void)detach(); }

status attachment::detach() {
  if (fd_ < 0)
    return {};
  // A pinned link stays attached: closing our fd only drops our reference.
  if (!pinned_ && bpf_link_detach(fd_) != 0 && errno != EINVAL) {
    const int err = errno;
    close(std::exchange(fd_, -1));
    return detail::system_error("detach", err);
  }
  close(std::exchange(fd_, -1));
  return {};
}

bool attachment::attached() const { return fd_ >= 0 && detail::link_attached(fd_); }

status attachment::pin(const std::string& path) {
  if (bpf_obj_pin(fd_, path.c_str()) != 0)
    return detail::system_error(fmt::format("pin at {} (a path in a bpffs mount such as /sys/fs/bpf)", path),
                                errno);
  pinned_ = true;
  return {};
}

status attachment::unpin(const std::string& path) {
  const int fd = bpf_obj_get(path.c_str());
  if (fd < 0)
    return detail::system_error(fmt::format("open pinned policy {}", path), errno);
  const int detached = bpf_link_detach(fd);
  const int err = errno;
  close(fd);
  if (detached != 0)
    return detail::system_error(fmt::format("detach pinned policy {}", path), err);
  if (std::remove(path.c_str()) != 0)
    return detail::system_error(fmt::format("remove pin {}", path), errno);
  return {};
}

} // namespace memcgpp
