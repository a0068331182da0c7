#include <doctest/doctest.h>

#include <memcgpp/ring_buffer.hpp>

#include <cstdint>

namespace {
struct event {
  std::uint64_t cgroup;
  std::uint64_t pages;
};
} // namespace

TEST_CASE("a ring buffer queues events until consumed, and drops them when full") {
  memcgpp::ring_buffer<event, 4096> events; // 4096 / (8 + 16) = 170 records
  CHECK(events.emit({1, 2}));
  CHECK(events.emit({3, 4}));
  REQUIRE(events.events().size() == 2);
  CHECK(events.events()[1].pages == 4);
  const auto taken = events.consume();
  CHECK(taken.size() == 2);
  CHECK(events.events().empty());

  int queued = 0;
  while (events.emit({0, 0}))
    ++queued;
  CHECK(queued == 170);
}
