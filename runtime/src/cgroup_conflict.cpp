#include "cgroup_conflict.hpp"

#include <fmt/format.h>

namespace memcgpp::detail {
namespace {

std::string holder(const attached_policy& policy) {
  return fmt::format("{} (link {})", policy.name, policy.link_id);
}

constexpr const char* detach_hint = "memcgpp detach PIN, or stop the process that holds it";

} // namespace

error describe_cgroup_conflict(const cgroup_target& target, const std::vector<attached_policy>& attached) {
  const std::string head = fmt::format("cannot attach {} to cgroup {}", target.policy, target.path);
  for (const auto& policy : attached)
    if (!policy.global() && policy.cgroup_id == target.id)
      return error(errc::already_attached,
                   fmt::format("{}: {} is attached to that cgroup already, and a cgroup has one policy; "
                               "detach it first ({})",
                               head, holder(policy), detach_hint));
  std::vector<std::string> below;
  for (const auto& policy : attached)
    if (!policy.global() && target.descendants.count(policy.cgroup_id))
      below.push_back(fmt::format("{} on {}", holder(policy), policy.scope()));
  if (!target.allow_override && !below.empty())
    return error(errc::already_attached,
                 fmt::format("{} without allow_override (--allow-override): cgroups below it have policies of "
                             "their own ({}), and a policy that does not allow override must govern its whole "
                             "subtree; attach it with allow_override to let them keep theirs, or detach them "
                             "first",
                             head, fmt::join(below, ", ")));
  for (const auto ancestor : target.ancestors)
    for (const auto& policy : attached)
      if (!policy.global() && policy.cgroup_id == ancestor)
        return error(errc::already_attached,
                     fmt::format("{}: its ancestor {} has {}, attached without allow_override "
                                 "(--allow-override), so no cgroup below it may have a policy of its own; "
                                 "detach that policy and attach it again with allow_override ({})",
                                 head, policy.scope(), holder(policy), detach_hint));
  return error(errc::already_attached,
               fmt::format("{}: the kernel says a policy is in the way (EBUSY), on that cgroup, on an ancestor "
                           "that does not allow override, or below it, but memcgpp sees no such policy attached "
                           "through a link; `memcgpp status` lists the attached policies",
                           head));
}

} // namespace memcgpp::detail
