// reclaim_batch on the host: only the batch cgroup's failed charges get the
// larger reclaim, and each is counted.
#include <doctest/doctest.h>

#include <memcgpp/testing.hpp>

#include "reclaim_batch.cpp"

TEST_CASE("the batch cgroup reclaims a huge page's worth when a charge fails") {
  memcgpp::testing::scenario<reclaim_batch> s;
  auto& batch = s.add_cgroup("batch", {.max_pages = 100});
  auto& service = s.add_cgroup("service", {.max_pages = 100});
  s.policy().batch_cgroup.set(batch.id);
  s.fill(batch, 100);
  s.fill(service, 100);

  CHECK(s.charge(batch, 1).reclaim_pages == memcgpp::huge_page_pages);
  CHECK(s.charge(service, 1).reclaim_pages == 1); // not batch: the kernel's choice
  CHECK(s.policy().raised.lookup(0).value_or(0) == 1);
}

TEST_CASE("successful charges are left alone") {
  memcgpp::testing::scenario<reclaim_batch> s;
  auto& batch = s.add_cgroup("batch", {.max_pages = 100});
  s.policy().batch_cgroup.set(batch.id);
  const auto result = s.charge(batch, 10);
  CHECK(result.charged);
  CHECK(result.verdict == memcgpp::keep_default);
  CHECK(s.policy().raised.lookup(0).value_or(0) == 0);
}

TEST_CASE("with no batch cgroup set, nothing changes") {
  memcgpp::testing::scenario<reclaim_batch> s;
  auto& cg = s.add_cgroup("cg", {.max_pages = 1});
  s.fill(cg, 1);
  CHECK(s.charge(cg, 1).reclaim_pages == 1);
}
