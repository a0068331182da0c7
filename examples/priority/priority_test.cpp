// priority on the host: protection and throttling follow the high-priority
// cgroup's activity, and leave every other cgroup to the kernel.
#include <doctest/doctest.h>

#include <memcgpp/testing.hpp>

#include "priority.cpp"

namespace {

struct two_tiers {
  memcgpp::testing::scenario<priority> s;
  memcgpp::host::memcg_state& parent = s.add_cgroup("parent", {.max_pages = 1000});
  memcgpp::host::memcg_state& high = s.add_cgroup("high", {.high_pages = 100}, &parent);
  memcgpp::host::memcg_state& low = s.add_cgroup("low", {.high_pages = 100}, &parent);

  two_tiers() {
    s.policy().high_cgroup.set(high.id);
    s.policy().low_cgroup.set(low.id);
    s.advance_time(1000000000); // ktime starts well after boot
    s.fill(low, 200);           // low is over memory.high: it gets throttled
  }
};

constexpr std::uint64_t ms = 1000000;

} // namespace

TEST_CASE("while the high-priority cgroup charges, it is protected and the other is throttled") {
  two_tiers t;
  t.s.fill(t.high, 200); // over memory.high too, but filling charges nothing
  t.s.charge(t.high, 1);
  CHECK(t.s.below_low(t.high).verdict == memcgpp::protect);
  CHECK(t.s.below_low(t.low).verdict == memcgpp::keep_default_protection);
  CHECK(t.s.handle_over_high(t.low).delay_ms == 200);
  const auto high = t.s.handle_over_high(t.high);
  CHECK(high.fired);
  CHECK(high.delay_ms == 0);
}

TEST_CASE("once the high-priority cgroup is idle for the window, neither applies") {
  two_tiers t;
  t.s.charge(t.high, 1);
  t.s.advance_time(999 * ms);
  CHECK(t.s.below_low(t.high).verdict == memcgpp::protect);
  t.s.advance_time(2 * ms);
  CHECK(t.s.below_low(t.high).verdict == memcgpp::keep_default_protection);
  CHECK(memcgpp::throttle_bound_ms(t.s.handle_over_high(t.low).verdict) == 0);
}

TEST_CASE("before the high-priority cgroup charges at all, it is not protected") {
  two_tiers t;
  CHECK(t.s.below_low(t.high).verdict == memcgpp::keep_default_protection);
  CHECK(memcgpp::throttle_bound_ms(t.s.handle_over_high(t.low).verdict) == 0);
}

TEST_CASE("the low-priority cgroup's charges do not make the high-priority one active") {
  two_tiers t;
  t.s.charge(t.low, 1);
  CHECK(t.s.below_low(t.high).verdict == memcgpp::keep_default_protection);
  CHECK(t.s.handle_over_high(t.low).delay_ms == 0);
}

TEST_CASE("the window and the throttle are parameters") {
  two_tiers t;
  t.s.policy().active_window_ms.set(10);
  t.s.policy().throttle_ms.set(5000);
  t.s.charge(t.high, 1);
  // Clamped to the kernel's ceiling of two seconds.
  CHECK(memcgpp::throttle_bound_ms(t.s.handle_over_high(t.low).verdict) ==
        memcgpp::max_high_delay_ms);
  t.s.advance_time(11 * ms);
  CHECK(memcgpp::throttle_bound_ms(t.s.handle_over_high(t.low).verdict) == 0);
}
