// Why the kernel refused a cgroup-scoped attach with EBUSY, from the
// attached policies' cgroups: the cgroup has a policy already, or the
// nearest ancestor with one does not allow override, or (without
// allow_override) a cgroup below has its own. The kernel does not report
// whether a link allows override, but it need not: a policy that does not
// has no policies below it, so the cgroups say which case it is.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "memcgpp/runtime/introspect.hpp"
#include "memcgpp/runtime/result.hpp"

namespace memcgpp::detail {

struct cgroup_target {
  std::string policy; // the policy being attached
  std::string path;
  std::uint64_t id = 0;
  std::vector<std::uint64_t> ancestors; // the nearest first
  std::set<std::uint64_t> descendants;
  bool allow_override = false;
};

error describe_cgroup_conflict(const cgroup_target& target, const std::vector<attached_policy>& attached);

} // namespace memcgpp::detail
