#include <doctest/doctest.h>

#include <memcgpp/gfp.hpp>
#include <memcgpp/helpers.hpp>
#include <memcgpp/policy.hpp>

#include <vector>

TEST_CASE("time, CPU and random numbers come from the host environment") {
  memcgpp::host::env() = {};
  CHECK(memcgpp::ktime_ns() == 0);
  memcgpp::host::env().now_ns = 1500;
  CHECK(memcgpp::ktime_ns() == 1500);
  memcgpp::host::env().cpu = 3;
  CHECK(memcgpp::cpu_id() == 3);

  const std::uint32_t first = memcgpp::random_u32();
  CHECK(first != memcgpp::random_u32());
  memcgpp::host::env() = {};
  CHECK(first == memcgpp::random_u32()); // repeatable from a fresh environment
}

TEST_CASE("a bounded range stops at its bound") {
  std::vector<std::uint32_t> seen;
  for (std::uint32_t i : memcgpp::bounded_range<4>(10))
    seen.push_back(i);
  CHECK(seen == std::vector<std::uint32_t>{0, 1, 2, 3});
  seen.clear();
  for (std::uint32_t i : memcgpp::bounded_range<4>(2))
    seen.push_back(i);
  CHECK(seen == std::vector<std::uint32_t>{0, 1});
}

TEST_CASE("gfp flags are a typed bit set") {
  const memcgpp::gfp_flags flags = memcgpp::gfp_kernel_account;
  CHECK(flags.has(memcgpp::gfp::account));
  CHECK(flags.has(memcgpp::gfp::io));
  CHECK(flags.can_block());
  CHECK_FALSE(memcgpp::gfp_atomic.can_block());
  CHECK(flags.has_all(memcgpp::gfp_kernel));
  CHECK(flags.bits() == 0x400cc0); // GFP_KERNEL_ACCOUNT on Linux 6.12
  CHECK(memcgpp::gfp_flags(0xcc0) == memcgpp::gfp_kernel);
}

TEST_CASE("a policy name is a short identifier") {
  constexpr memcgpp::policy_name name{"reclaim_batch"};
  CHECK(name.length() == 13);
  CHECK(std::string(name.c_str()) == "reclaim_batch");
  constexpr memcgpp::policy_name longest{"fifteen_chars_x"};
  CHECK(longest.length() == 15);
}
