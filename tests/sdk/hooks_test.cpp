// The hooks beyond the charge path, driven by the host harness: each fires
// when the kernel would call it, sees what the kernel would pass, and its
// verdict has the effect the kernel gives it.
#include <doctest/doctest.h>

#include <memcgpp/testing.hpp>

// Counts uncharges and lifecycle events per cgroup; protects the cgroups
// listed in `shielded`; throttles `slow` for at least a second.
class lifecycle : public memcgpp::policy<lifecycle> {
public:
  static constexpr memcgpp::policy_name name{"lifecycle"};
  memcgpp::hash_map<std::uint64_t, std::uint64_t, 16> uncharged_pages;
  memcgpp::hash_map<std::uint64_t, std::uint64_t, 16> uncharges;
  memcgpp::hash_map<std::uint64_t, std::uint64_t, 16> online;
  memcgpp::hash_map<std::uint64_t, std::uint64_t, 16> offline;
  memcgpp::hash_map<std::uint64_t, std::uint64_t, 16> shielded;
  memcgpp::param<std::uint64_t> slow;

  void memcg_uncharged(memcgpp::uncharge_context& c) {
    uncharges.increment(c.memcg().id());
    uncharged_pages.increment(c.memcg().id(), c.nr_pages());
  }

  memcgpp::protection_verdict below_low(memcgpp::protection_context& c) { return decide(c); }
  memcgpp::protection_verdict below_min(memcgpp::protection_context& c) { return decide(c); }

  memcgpp::throttle_verdict get_high_delay_ms(memcgpp::throttle_context& c) {
    return c.memcg().id() == slow ? memcgpp::throttle_at_least_ms(1000) : memcgpp::keep_default_throttle;
  }

  void handle_cgroup_online(memcgpp::lifecycle_context& c) { online.increment(c.memcg().id()); }
  void handle_cgroup_offline(memcgpp::lifecycle_context& c) { offline.increment(c.memcg().id()); }

private:
  memcgpp::protection_verdict decide(memcgpp::protection_context& c) {
    memcgpp::log("%s protection %lu usage %lu", c.memcg().name(), c.protection_pages(), c.usage_pages());
    return shielded.lookup(c.memcg().id()) ? memcgpp::protect : memcgpp::keep_default_protection;
  }
};

// Only the protection hook: the harness runs the rest of the kernel's
// events without firing anything.
class low_only : public memcgpp::policy<low_only> {
public:
  static constexpr memcgpp::policy_name name{"low_only"};
  memcgpp::protection_verdict below_low(memcgpp::protection_context&) { return memcgpp::protect; }
};


static_assert(memcgpp::has_memcg_uncharged<lifecycle> && memcgpp::has_below_low<lifecycle> &&
              memcgpp::has_below_min<lifecycle> && memcgpp::has_get_high_delay_ms<lifecycle> &&
              memcgpp::has_handle_cgroup_online<lifecycle> && memcgpp::has_handle_cgroup_offline<lifecycle>);
static_assert(!memcgpp::has_try_charge_memcg<lifecycle> && memcgpp::has_any_hook<lifecycle>);
static_assert(memcgpp::has_below_low<low_only> && !memcgpp::has_below_min<low_only> &&
              memcgpp::has_any_hook<low_only>);

TEST_CASE("cgroups coming online and going offline fire the lifecycle hooks") {
  memcgpp::testing::scenario<lifecycle> s;
  auto& parent = s.add_cgroup("parent");
  auto& child = s.add_cgroup("child", {}, &parent);
  CHECK(s.policy().online.lookup(parent.id).value_or(0) == 1);
  CHECK(s.policy().online.lookup(child.id).value_or(0) == 1);
  CHECK(s.policy().offline.entries().empty());

  s.remove_cgroup(child);
  CHECK_FALSE(child.online);
  CHECK(parent.online);
  CHECK(s.policy().offline.lookup(child.id).value_or(0) == 1);
  CHECK_FALSE(s.policy().offline.lookup(parent.id));
}

TEST_CASE("an uncharge releases pages at every level and fires memcg_uncharged once") {
  memcgpp::testing::scenario<lifecycle> s;
  auto& parent = s.add_cgroup("parent");
  auto& child = s.add_cgroup("child", {}, &parent);
  CHECK(s.charge(child, 40).charged); // no charge hook: the charge goes through
  s.uncharge(child, 32);
  CHECK(child.usage_pages == 8);
  CHECK(parent.usage_pages == 8);
  CHECK(s.root().usage_pages == 8);
  CHECK(s.policy().uncharges.lookup(child.id).value_or(0) == 1);
  CHECK(s.policy().uncharged_pages.lookup(child.id).value_or(0) == 32);
  CHECK_FALSE(s.policy().uncharges.lookup(parent.id));

  // Usage cannot go below zero.
  s.uncharge(child, 100);
  CHECK(child.usage_pages == 0);
  CHECK(s.policy().uncharged_pages.lookup(child.id).value_or(0) == 132);
}

TEST_CASE("the protection hooks see the effective protection and usage") {
  memcgpp::testing::scenario<lifecycle> s;
  auto& cg = s.add_cgroup("cg", {.low_pages = 100, .min_pages = 10});
  s.fill(cg, 150);

  const auto low = s.below_low(cg);
  CHECK(low.fired);
  CHECK(low.verdict == memcgpp::keep_default_protection);
  CHECK_FALSE(low.is_protected); // 100 < 150
  const auto min = s.below_min(cg);
  CHECK(min.fired);
  CHECK_FALSE(min.is_protected);
  REQUIRE(s.log().size() == 2);
  CHECK(s.log()[0] == "cg protection 100 usage 150");
  CHECK(s.log()[1] == "cg protection 10 usage 150");

  // The kernel's own answer, with an effective low given by hand.
  CHECK(s.below_low(cg, 150).is_protected);
  CHECK(s.log().back() == "cg protection 150 usage 150");
}

TEST_CASE("protect shields a cgroup that memory.low would not") {
  memcgpp::testing::scenario<lifecycle> s;
  auto& cg = s.add_cgroup("cg", {.low_pages = 10});
  s.fill(cg, 500);
  s.policy().shielded.update(cg.id, 1);
  const auto low = s.below_low(cg);
  CHECK(low.verdict == memcgpp::protect);
  CHECK(low.is_protected);
  CHECK(s.below_min(cg).is_protected);
}

TEST_CASE("the root is never protected, and asks no policy") {
  memcgpp::testing::scenario<low_only> s;
  const auto low = s.below_low(s.root());
  CHECK_FALSE(low.fired);
  CHECK_FALSE(low.is_protected);
}

TEST_CASE("a policy without a hook leaves the kernel's answer") {
  memcgpp::testing::scenario<low_only> s;
  auto& cg = s.add_cgroup("cg", {.min_pages = 64});
  s.fill(cg, 32);
  CHECK(s.below_low(cg).is_protected); // the policy protects
  const auto min = s.below_min(cg);    // no below_min: emin 64 >= usage 32
  CHECK_FALSE(min.fired);
  CHECK(min.is_protected);
  s.fill(cg, 65);
  CHECK_FALSE(s.below_min(cg).is_protected);
  // Nothing fires for charges, uncharges or throttling either.
  CHECK(s.charge(cg, 1).verdict == memcgpp::keep_default);
  s.uncharge(cg, 1);
  CHECK_FALSE(s.handle_over_high(cg).fired);
}

TEST_CASE("get_high_delay_ms fires only over memory.high, and bounds the sleep from below") {
  memcgpp::testing::scenario<lifecycle> s;
  auto& parent = s.add_cgroup("parent", {.high_pages = 100});
  auto& slow = s.add_cgroup("slow", {}, &parent);
  auto& fast = s.add_cgroup("fast", {}, &parent);
  s.policy().slow.set(slow.id);

  // Below memory.high: no throttling, no hook.
  const auto below = s.handle_over_high(slow);
  CHECK_FALSE(below.fired);
  CHECK(below.delay_ms == 0);

  // An ancestor over memory.high throttles its descendants' tasks.
  s.fill(slow, 60);
  const auto charged = s.charge(fast, 50);
  CHECK(charged.charged);
  CHECK(charged.over_high);
  const auto throttled = s.handle_over_high(slow, 40);
  CHECK(throttled.fired);
  CHECK(memcgpp::throttle_bound_ms(throttled.verdict) == 1000);
  CHECK(throttled.delay_ms == 1000);
  // The kernel's own delay wins when it is longer, up to two seconds.
  CHECK(s.handle_over_high(slow, 1500).delay_ms == 1500);
  CHECK(s.handle_over_high(slow, 5000).delay_ms == memcgpp::max_high_delay_ms);

  // Without a bound the kernel's delay stands; 10 ms or less is no sleep.
  const auto default_delay = s.handle_over_high(fast, 40);
  CHECK(default_delay.fired);
  CHECK(default_delay.verdict == memcgpp::keep_default_throttle);
  CHECK(default_delay.delay_ms == 40);
  CHECK(s.handle_over_high(fast, 10).delay_ms == 0);
}

TEST_CASE("contexts built by hand reach the hooks directly") {
  memcgpp::host::memcg_state cg{.name = "cg", .id = 7, .usage_pages = 20};
  lifecycle p;
  memcgpp::uncharge_context uncharge(memcgpp::memcg(&cg), 4);
  p.memcg_uncharged(uncharge);
  CHECK(p.uncharged_pages.lookup(7).value_or(0) == 4);

  memcgpp::protection_context protection(memcgpp::memcg(&cg), 30, 20);
  CHECK(protection.protected_by_default());
  CHECK(p.below_low(protection) == memcgpp::keep_default_protection);
  CHECK(memcgpp::is_protected(memcgpp::keep_default_protection, protection));

  memcgpp::throttle_context throttle{memcgpp::memcg(&cg)};
  p.slow.set(7);
  CHECK(p.get_high_delay_ms(throttle) == memcgpp::throttle_at_least_ms(1000));

  memcgpp::lifecycle_context lifecycle_event{memcgpp::memcg(&cg)};
  p.handle_cgroup_online(lifecycle_event);
  p.handle_cgroup_offline(lifecycle_event);
  CHECK(p.online.lookup(7).value_or(0) == 1);
  CHECK(p.offline.lookup(7).value_or(0) == 1);
}
