#include <doctest/doctest.h>

#include <memcgpp/protection.hpp>
#include <memcgpp/throttle.hpp>
#include <memcgpp/verdict.hpp>

TEST_CASE("a verdict chooses a reclaim size the kernel accepts, or none") {
  CHECK(memcgpp::reclaim_target(memcgpp::keep_default) == 0);
  CHECK(memcgpp::reclaim_target(memcgpp::reclaim_pages(32)) == 32);
  CHECK(memcgpp::reclaim_pages(4096) == memcgpp::reclaim_pages(memcgpp::huge_page_pages));
  CHECK(memcgpp::reclaim_pages(0) == memcgpp::keep_default);
}

TEST_CASE("the kernel reclaims the chosen size, or the charge size without a choice") {
  CHECK(memcgpp::effective_reclaim(memcgpp::keep_default, 1) == 1);
  CHECK(memcgpp::effective_reclaim(memcgpp::reclaim_pages(512), 1) == 512);
  CHECK(memcgpp::effective_reclaim(memcgpp::reclaim_pages(64), 8) == 64);
}

static_assert(memcgpp::reclaim_pages(1000) == memcgpp::charge_verdict{512});

TEST_CASE("a protection verdict protects now, or leaves the kernel's comparison") {
  CHECK(memcgpp::is_protected(memcgpp::protect, 0, 100));
  CHECK(memcgpp::is_protected(memcgpp::keep_default_protection, 100, 100));
  CHECK_FALSE(memcgpp::is_protected(memcgpp::keep_default_protection, 99, 100));
}

TEST_CASE("a throttle verdict is a lower bound on the kernel's delay, within its limits") {
  CHECK(memcgpp::throttle_bound_ms(memcgpp::keep_default_throttle) == 0);
  CHECK(memcgpp::throttle_bound_ms(memcgpp::throttle_at_least_ms(250)) == 250);
  CHECK(memcgpp::throttle_at_least_ms(60000) == memcgpp::throttle_at_least_ms(memcgpp::max_high_delay_ms));
  CHECK(memcgpp::throttle_at_least_ms(0) == memcgpp::keep_default_throttle);
  CHECK(memcgpp::effective_high_delay_ms(memcgpp::keep_default_throttle, 300) == 300);
  CHECK(memcgpp::effective_high_delay_ms(memcgpp::throttle_at_least_ms(500), 300) == 500);
  CHECK(memcgpp::effective_high_delay_ms(memcgpp::throttle_at_least_ms(100), 300) == 300);
  CHECK(memcgpp::effective_high_delay_ms(memcgpp::keep_default_throttle, 9000) == 2000);
  CHECK(memcgpp::effective_high_delay_ms(memcgpp::throttle_at_least_ms(10), 0) == 0);
  CHECK(memcgpp::effective_high_delay_ms(memcgpp::throttle_at_least_ms(11), 0) == 11);
}

static_assert(memcgpp::throttle_at_least_ms(2001) == memcgpp::throttle_verdict{2000});
static_assert(memcgpp::is_protected(memcgpp::protect, 0, 1));
