// Cgroups, as a cgroup-scoped policy sees them: the cgroup2 directory it
// attaches to, and a cgroup's path from its id (on cgroup2, the id is the
// inode number of the cgroup's directory).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "result.hpp"

namespace memcgpp {

// An open cgroup2 directory: what policy_object::attach_to_cgroup attaches to.
class cgroup_dir {
public:
  // Opens path, which must be a directory of a cgroup2 mount.
  static result<cgroup_dir> open(const std::string& path);
  // A directory the caller opened (O_RDONLY | O_DIRECTORY); the caller keeps
  // its fd, and the cgroup_dir holds a duplicate.
  static result<cgroup_dir> from_fd(int fd);

  cgroup_dir(cgroup_dir&& other) noexcept;
  cgroup_dir& operator=(cgroup_dir&& other) noexcept;
  cgroup_dir(const cgroup_dir&) = delete;
  cgroup_dir& operator=(const cgroup_dir&) = delete;
  ~cgroup_dir();

  int fd() const { return fd_; }
  // The cgroup's id: its directory's inode number.
  std::uint64_t id() const { return id_; }
  // Its absolute path.
  const std::string& path() const { return path_; }
  // An error, saying how to enable it, unless the memory controller manages
  // this cgroup (a policy governs memcgs, and a cgroup without the
  // controller has none of its own).
  status require_memory_controller() const;
  // The ids of its ancestors, the nearest first, up to the root of the
  // cgroup2 mount.
  std::vector<std::uint64_t> ancestor_ids() const;
  // The ids of every cgroup below it.
  std::set<std::uint64_t> descendant_ids() const;

private:
  cgroup_dir(int fd, std::uint64_t id, std::string path) : fd_(fd), id_(id), path_(std::move(path)) {}
  int fd_ = -1;
  std::uint64_t id_ = 0;
  std::string path_;
};

// Where cgroup2 is mounted: /sys/fs/cgroup when it is cgroup2, else the
// first cgroup2 mount in /proc/self/mounts; empty when there is none.
std::string cgroup2_mount();
// The paths of the cgroups with these ids, found by one walk of the cgroup2
// mount; an id that is not there (a removed cgroup, or one outside this
// mount namespace) has no entry.
std::map<std::uint64_t, std::string> cgroup_paths(const std::set<std::uint64_t>& ids);

} // namespace memcgpp
