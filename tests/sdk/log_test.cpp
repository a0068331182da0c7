#include <doctest/doctest.h>

#include <memcgpp/log.hpp>

#include <cstdint>

TEST_CASE("log lines are formatted as trace_printk would") {
  memcgpp::host::env() = {};
  const memcgpp::host::memcg_state cg{.name = "batch", .id = 12};
  const memcgpp::memcg m(&cg);
  memcgpp::log("cgroup %s id %lu usage %d%%", m.name(), m.id(), 42);
  memcgpp::log("gfp 0x%x pages %5u signed %d", 0xcc0u, 7u, -3);
  memcgpp::log("wide %lld %llx", static_cast<std::int64_t>(-1), std::uint64_t{255});
  memcgpp::log("chars %c%c and %s", 'o', 'k', "text");
  memcgpp::log("five %d %d %d %d %d", 1, 2, 3, 4, 5);
  memcgpp::log("no arguments");
  const auto& log = memcgpp::host::env().log;
  REQUIRE(log.size() == 6);
  CHECK(log[0] == "cgroup batch id 12 usage 42%");
  CHECK(log[1] == "gfp 0xcc0 pages     7 signed -3");
  CHECK(log[2] == "wide -1 ff");
  CHECK(log[3] == "chars ok and text");
  CHECK(log[4] == "five 1 2 3 4 5");
  CHECK(log[5] == "no arguments");
}

namespace {
template <class... Args>
constexpr bool format_ok(const char* text, unsigned size) {
  // Mirrors the consteval check, for tests of rejected formats.
  unsigned pos = 0;
  unsigned args = 0;
  for (;;) {
    const auto spec = memcgpp::detail::next_log_spec(text, size, pos);
    if (spec.conversion == 0)
      return args == sizeof...(Args);
    ++args;
    pos = spec.end;
  }
}
} // namespace

TEST_CASE("format parsing finds each conversion and skips %%") {
  static_assert(format_ok<int, int>("%d and %lu", 11));
  static_assert(format_ok<>("100%%", 6));
  constexpr auto spec = memcgpp::detail::next_log_spec("x %-08llx y", 12, 0);
  static_assert(spec.conversion == 'x' && spec.wide && spec.begin == 2 && spec.end == 9);
}

TEST_CASE("string literals and buffers print with %s") {
  memcgpp::host::env() = {};
  char buffer[8] = "buf";
  memcgpp::log("%s and %s", "literal", buffer);
  CHECK(memcgpp::host::env().log.at(0) == "literal and buf");
}
