// charge_telemetry on the host: what it counts, where, and what it sends.
#include <doctest/doctest.h>

#include <memcgpp/testing.hpp>

#include "charge_telemetry.cpp"

TEST_CASE("charges, failures and reclaim requests are counted per cgroup") {
  memcgpp::testing::scenario<charge_telemetry> s;
  auto& parent = s.add_cgroup("parent", {.max_pages = 10});
  auto& child = s.add_cgroup("child", {}, &parent);

  CHECK(s.charge(child, 4).charged);
  CHECK(s.charge(child, 4).charged);
  const auto failed = s.charge(child, 4); // parent would pass its 10 pages
  CHECK_FALSE(failed.charged);
  CHECK(failed.verdict == memcgpp::keep_default);

  const auto child_counts = s.policy().counts.lookup(child.id);
  REQUIRE(child_counts);
  CHECK(child_counts->charges == 2);
  CHECK(child_counts->failed == 1);
  CHECK(child_counts->reclaim_requests == 0); // the limit is the parent's
  const auto parent_counts = s.policy().counts.lookup(parent.id);
  REQUIRE(parent_counts);
  CHECK(parent_counts->reclaim_requests == 1);

  const auto events = s.policy().failures.consume();
  REQUIRE(events.size() == 1);
  CHECK(events[0].cgroup == child.id);
  CHECK(events[0].over_limit == parent.id);
  CHECK(events[0].nr_pages == 4);
}

TEST_CASE("failures of allocations that cannot block request no reclaim") {
  memcgpp::testing::scenario<charge_telemetry> s;
  auto& cg = s.add_cgroup("cg", {.max_pages = 1});
  s.fill(cg, 1);
  CHECK_FALSE(s.charge(cg, 1, memcgpp::gfp_atomic).charged);
  CHECK(s.policy().counts.lookup(cg.id)->failed == 1);
  CHECK(s.policy().counts.lookup(cg.id)->reclaim_requests == 0);
}

TEST_CASE("counts are per CPU") {
  memcgpp::testing::scenario<charge_telemetry> s;
  auto& cg = s.add_cgroup("cg");
  s.charge(cg, 1);
  s.run_on_cpu(2);
  s.charge(cg, 1);
  s.charge(cg, 1);
  const auto per_cpu = s.policy().counts.per_cpu_values(cg.id);
  REQUIRE(per_cpu.size() == memcgpp::host::environment::cpus);
  CHECK(per_cpu[0].charges == 1);
  CHECK(per_cpu[2].charges == 2);
}
