#include "memcgpp/runtime/cgroup.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "system_error.hpp"

namespace memcgpp {
namespace {

namespace fs = std::filesystem;

constexpr const char* default_mount = "/sys/fs/cgroup";

bool on_cgroup2(int fd) {
  struct statfs st{};
  return fstatfs(fd, &st) == 0 && st.f_type == CGROUP2_SUPER_MAGIC;
}

bool is_cgroup2(const std::string& path) {
  struct statfs st{};
  return statfs(path.c_str(), &st) == 0 && st.f_type == CGROUP2_SUPER_MAGIC;
}

// Where to look for cgroups, for the hints in messages.
std::string mount_hint() {
  const std::string mount = cgroup2_mount();
  return mount.empty() ? fmt::format("no cgroup2 filesystem is mounted: mount one (mount -t cgroup2 none {})",
                                     default_mount)
                       : fmt::format("the cgroups here are the directories under {}", mount);
}

// Where a directory that is not cgroup2 is, for the message.
std::string where_filesystem(int fd) {
  struct statfs st{};
  if (fstatfs(fd, &st) != 0)
    return "on an unknown filesystem";
  switch (st.f_type) {
  case CGROUP_SUPER_MAGIC: return "in a cgroup v1 hierarchy";
  case TMPFS_MAGIC: return "on tmpfs";
  case SYSFS_MAGIC: return "on sysfs";
  case PROC_SUPER_MAGIC: return "on procfs";
  case BPF_FS_MAGIC: return "on bpffs";
  case EXT4_SUPER_MAGIC: return "on ext4";
  case BTRFS_SUPER_MAGIC: return "on btrfs";
  case XFS_SUPER_MAGIC: return "on xfs";
  case OVERLAYFS_SUPER_MAGIC: return "on overlayfs";
  default: return fmt::format("on a filesystem of type {:#x}", static_cast<unsigned long>(st.f_type));
  }
}

// The path of an open file, as the kernel names it.
std::string fd_path(int fd) {
  std::error_code ec;
  const fs::path target = fs::read_symlink(fmt::format("/proc/self/fd/{}", fd), ec);
  return ec ? fmt::format("fd {}", fd) : target.string();
}

// Checks that fd is a cgroup2 directory; named says what it is, in messages.
result<std::uint64_t> check_cgroup2_dir(int fd, const std::string& named) {
  struct stat st{};
  if (fstat(fd, &st) != 0)
    return error(errc::not_a_cgroup, fmt::format("{} is not an open file descriptor: open the cgroup's directory "
                                                 "(O_RDONLY | O_DIRECTORY) and pass its fd",
                                                 named));
  if (!S_ISDIR(st.st_mode))
    return error(errc::not_a_cgroup, fmt::format("{} is not a directory: a cgroup is a directory of the cgroup2 "
                                                 "filesystem ({})",
                                                 named, mount_hint()));
  if (!on_cgroup2(fd))
    return error(errc::not_a_cgroup,
                 fmt::format("{} is not a cgroup2 directory: it is {}, and memcg_ops policies attach to "
                             "cgroup2 cgroups ({})",
                             named, where_filesystem(fd), mount_hint()));
  return std::uint64_t{st.st_ino};
}

bool has_word(const std::string& text, const std::string& word) {
  std::istringstream words(text);
  for (std::string w; words >> w;)
    if (w == word)
      return true;
  return false;
}

std::string read_at(int dir_fd, const char* name) {
  const int fd = openat(dir_fd, name, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return {};
  std::string text;
  char buffer[512];
  for (ssize_t n; (n = read(fd, buffer, sizeof(buffer))) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  return text;
}

} // namespace

result<cgroup_dir> cgroup_dir::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    switch (err) {
    case ENOENT: {
      std::string hint = mount_hint();
      const std::string mount = cgroup2_mount();
      if (!mount.empty() && !path.empty() && path.front() != '/' && fs::is_directory(fs::path(mount) / path))
        hint = fmt::format("did you mean {}?", (fs::path(mount) / path).string());
      return error(errc::not_a_cgroup,
                   fmt::format("cgroup {} does not exist: give the path of a cgroup2 directory, or make one "
                               "with mkdir ({})",
                               path, hint));
    }
    case ENOTDIR:
      return error(errc::not_a_cgroup,
                   fmt::format("{} is not a directory: a cgroup is a directory of the cgroup2 filesystem ({})",
                               path, mount_hint()));
    default:
      return detail::system_error(fmt::format("open cgroup {}", path), err);
    }
  }
  auto id = check_cgroup2_dir(fd, path);
  if (!id) {
    close(fd);
    return id.err();
  }
  std::error_code ec;
  const fs::path absolute = fs::canonical(path, ec);
  return cgroup_dir(fd, *id, ec ? path : absolute.string());
}

result<cgroup_dir> cgroup_dir::from_fd(int fd) {
  const std::string named = fmt::format("fd {}", fd);
  auto id = check_cgroup2_dir(fd, fd < 0 ? named : fmt::format("{} ({})", named, fd_path(fd)));
  if (!id)
    return id.err();
  const int own = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (own < 0)
    return detail::system_error(fmt::format("duplicate cgroup {}", named), errno);
  return cgroup_dir(own, *id, fd_path(fd));
}

cgroup_dir::cgroup_dir(cgroup_dir&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), id_(other.id_), path_(std::move(other.path_)) {}

cgroup_dir& cgroup_dir::operator=(cgroup_dir&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0)
      close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    id_ = other.id_;
    path_ = std::move(other.path_);
  }
  return *this;
}

cgroup_dir::~cgroup_dir() {
  if (fd_ >= 0)
    close(fd_);
}

status cgroup_dir::require_memory_controller() const {
  // cgroup.controllers lists the controllers that manage the cgroup: those
  // its parent delegates through cgroup.subtree_control, or, at the root,
  // those the hierarchy has.
  if (has_word(read_at(fd_, "cgroup.controllers"), "memory"))
    return {};
  if (ancestor_ids().empty())
    return error(errc::not_a_cgroup,
                 fmt::format("cgroup {} has no memory controller: on this machine the controller is not on the "
                             "cgroup2 hierarchy (it may be bound to a cgroup v1 one, or not built)",
                             path_));
  const std::string parent = fs::path(path_).parent_path().string();
  return error(errc::not_a_cgroup, fmt::format("cgroup {} has no memory controller: enable it for the children "
                                               "of its parent (echo +memory > {}/cgroup.subtree_control)",
                                               path_, parent));
}

std::vector<std::uint64_t> cgroup_dir::ancestor_ids() const {
  std::vector<std::uint64_t> ids;
  int dir = fcntl(fd_, F_DUPFD_CLOEXEC, 0);
  struct stat self{};
  fstat(fd_, &self);
  // ".." from the root of the mount leaves cgroup2 (or, in a namespace's
  // root, stays there): either ends the walk.
  for (std::uint64_t last = self.st_ino; dir >= 0;) {
    const int parent = openat(dir, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    close(dir);
    dir = parent;
    struct stat st{};
    if (dir < 0 || !on_cgroup2(dir) || fstat(dir, &st) != 0 || st.st_ino == last)
      break;
    ids.push_back(st.st_ino);
    last = st.st_ino;
  }
  if (dir >= 0)
    close(dir);
  return ids;
}

std::set<std::uint64_t> cgroup_dir::descendant_ids() const {
  std::set<std::uint64_t> ids;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path_, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    struct stat st{};
    if (it->is_directory(ec) && !it->is_symlink(ec) && lstat(it->path().c_str(), &st) == 0)
      ids.insert(st.st_ino);
  }
  return ids;
}

std::string cgroup2_mount() {
  if (is_cgroup2(default_mount))
    return default_mount;
  std::ifstream mounts("/proc/self/mounts");
  for (std::string device, dir, type, rest; mounts >> device >> dir >> type && std::getline(mounts, rest);)
    if (type == "cgroup2")
      return dir;
  return {};
}

std::map<std::uint64_t, std::string> cgroup_paths(const std::set<std::uint64_t>& ids) {
  std::map<std::uint64_t, std::string> found;
  const std::string mount = cgroup2_mount();
  struct stat root{};
  if (ids.empty() || mount.empty() || stat(mount.c_str(), &root) != 0)
    return found;
  if (ids.count(root.st_ino))
    found[root.st_ino] = mount;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(mount, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end && found.size() < ids.size(); it.increment(ec)) {
    struct stat st{};
    // Directories of this cgroup2 mount only: no other filesystem's inodes.
    if (!it->is_directory(ec) || it->is_symlink(ec) || lstat(it->path().c_str(), &st) != 0 ||
        st.st_dev != root.st_dev) {
      it.disable_recursion_pending();
      continue;
    }
    if (ids.count(st.st_ino))
      found[st.st_ino] = it->path().string();
  }
  return found;
}

} // namespace memcgpp
