// The hooks a policy may implement, and how they are called. A hook is a
// member function with a fixed name and signature; a policy implements any
// of them, and at least one:
//
//   memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c);
//   void memcg_uncharged(memcgpp::uncharge_context& c);
//   memcgpp::protection_verdict below_low(memcgpp::protection_context& c);
//   memcgpp::protection_verdict below_min(memcgpp::protection_context& c);
//   memcgpp::throttle_verdict get_high_delay_ms(memcgpp::throttle_context& c);
//   void handle_cgroup_online(memcgpp::lifecycle_context& c);
//   void handle_cgroup_offline(memcgpp::lifecycle_context& c);
//
// Each is a member of the kernel's struct memcg_ops with the same name
// (see kernel/README.md, and docs/policy-guide.md for when each runs).
//
// A kernel whose memcg_ops lacks a hook refuses the policy, unless the
// policy marks that hook MEMCGPP_OPTIONAL_HOOK:
//
//   MEMCGPP_OPTIONAL_HOOK memcgpp::throttle_verdict get_high_delay_ms(memcgpp::throttle_context& c);
//
// Then the runtime drops the hook on such a kernel, says so, and attaches
// the policy's other hooks.
#pragma once

#include "charge_context.hpp"
#include "config.hpp"
#include "lifecycle_context.hpp"
#include "protection.hpp"
#include "throttle.hpp"
#include "traits.hpp"
#include "uncharge_context.hpp"
#include "verdict.hpp"

// memcgpp-compile reads the annotation; other compilers need not see it.
#if defined(__clang__)
#define MEMCGPP_OPTIONAL_HOOK [[clang::annotate("memcgpp::optional_hook")]]
#else
#define MEMCGPP_OPTIONAL_HOOK
#endif

namespace memcgpp {

template <class Policy>
concept has_try_charge_memcg = requires(Policy& policy, charge_context& context) {
  { policy.try_charge_memcg(context) } -> detail::same_as<charge_verdict>;
};

template <class Policy>
concept has_memcg_uncharged = requires(Policy& policy, uncharge_context& context) {
  { policy.memcg_uncharged(context) } -> detail::same_as<void>;
};

template <class Policy>
concept has_below_low = requires(Policy& policy, protection_context& context) {
  { policy.below_low(context) } -> detail::same_as<protection_verdict>;
};

template <class Policy>
concept has_below_min = requires(Policy& policy, protection_context& context) {
  { policy.below_min(context) } -> detail::same_as<protection_verdict>;
};

template <class Policy>
concept has_get_high_delay_ms = requires(Policy& policy, throttle_context& context) {
  { policy.get_high_delay_ms(context) } -> detail::same_as<throttle_verdict>;
};

template <class Policy>
concept has_handle_cgroup_online = requires(Policy& policy, lifecycle_context& context) {
  { policy.handle_cgroup_online(context) } -> detail::same_as<void>;
};

template <class Policy>
concept has_handle_cgroup_offline = requires(Policy& policy, lifecycle_context& context) {
  { policy.handle_cgroup_offline(context) } -> detail::same_as<void>;
};

// A policy implements at least one hook.
template <class Policy>
concept has_any_hook = has_try_charge_memcg<Policy> || has_memcg_uncharged<Policy> ||
    has_below_low<Policy> || has_below_min<Policy> || has_get_high_delay_ms<Policy> ||
    has_handle_cgroup_online<Policy> || has_handle_cgroup_offline<Policy>;

} // namespace memcgpp
