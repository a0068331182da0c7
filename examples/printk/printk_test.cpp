// memcg_printk on the host: one line per charge, and one more naming the
// cgroup whose limit a failed charge hit. It never changes the reclaim.
#include <doctest/doctest.h>

#include <memcgpp/testing.hpp>

#include "printk.cpp"

TEST_CASE("memcg_printk logs each charge, and the limit a failed one hit") {
  memcgpp::testing::scenario<memcg_printk> s;
  auto& parent = s.add_cgroup("parent", {.max_pages = 8});
  auto& child = s.add_cgroup("child", {}, &parent);

  const auto ok = s.charge(child, 4);
  CHECK(ok.charged);
  REQUIRE(s.log().size() == 1);
  CHECK(s.log()[0] == "memcg_printk: cgroup child gfp_mask 0x400cc0 nr_pages 4 reclaim_options 0x2");

  const auto failed = s.charge(child, 8);
  CHECK_FALSE(failed.charged);
  CHECK(failed.reclaim_pages == 8); // the kernel's choice is kept
  REQUIRE(s.log().size() == 3);
  CHECK(s.log()[1] == "memcg_printk: cgroup child gfp_mask 0x400cc0 nr_pages 8 reclaim_options 0x2");
  CHECK(s.log()[2] == "memcg_printk: cgroup child over limit of parent");
}
