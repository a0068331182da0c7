#include <doctest/doctest.h>

#include <memcgpp/param.hpp>

#include <cstdint>

TEST_CASE("a parameter reads as its value, its default until set") {
  memcgpp::param<std::uint64_t> unset;
  memcgpp::param<std::uint32_t> divisor{4};
  CHECK(unset == 0);
  CHECK(divisor.get() == 4);
  divisor.set(8);
  const std::uint32_t value = divisor;
  CHECK(value == 8);
}
