#include <doctest/doctest.h>

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
