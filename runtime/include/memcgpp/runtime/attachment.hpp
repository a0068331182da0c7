// An attached policy: a BPF link. Destroying it detaches the policy, unless
// it was pinned to bpffs, which keeps it attached after the process ends.
// The kernel detaches a cgroup's policy itself when the cgroup is removed;
// the link then polls readable with POLLHUP.
#pragma once

#include <string>

#include "result.hpp"

namespace memcgpp {

class attachment {
public:
  explicit attachment(int link_fd) : fd_(link_fd) {}
  attachment(attachment&& other) noexcept : fd_(other.fd_), pinned_(other.pinned_) { other.fd_ = -1; }
  attachment& operator=(attachment&& other) noexcept;
  attachment(const attachment&) = delete;
  attachment& operator=(const attachment&) = delete;
  ~attachment();

  // Detaches now; destruction does it otherwise.
  status detach();
  // Pins the link at a bpffs path: the policy stays attached until unpinned.
  status pin(const std::string& path);
  int fd() const { return fd_; }
  // Whether the kernel still has the policy attached: false once detached,
  // and once the kernel detached it (its cgroup was removed).
  bool attached() const;

  // Detaches a pinned policy.
  static status unpin(const std::string& path);

private:
  int fd_ = -1;
  bool pinned_ = false;
};

} // namespace memcgpp
