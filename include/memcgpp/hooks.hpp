// The hooks a policy may implement, and how they are called. A hook is a
// member function with a fixed name and signature:
//
//   memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c);
//
// It runs after a charge of the page counters succeeded, and on each pass of
// the reclaim loop when it failed (see kernel/README.md).
#pragma once

#include "charge_context.hpp"
#include "config.hpp"
#include "traits.hpp"
#include "verdict.hpp"

namespace memcgpp {

template <class Policy>
concept has_try_charge_memcg = requires(Policy& policy, charge_context& context) {
  { policy.try_charge_memcg(context) } -> detail::same_as<charge_verdict>;
};

} // namespace memcgpp
