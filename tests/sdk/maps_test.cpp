// The host backend's maps behave as the BPF maps they stand for.
#include <doctest/doctest.h>

#include <memcgpp/maps.hpp>

namespace {

struct flow {
  std::uint32_t cgroup;
  std::uint32_t kind;
};

} // namespace

TEST_CASE("an array map has every key from 0, zeroed, and nothing past its end") {
  memcgpp::array_map<std::uint32_t, std::uint64_t, 4> counts;
  CHECK(counts.lookup(0).value_or(99) == 0);
  CHECK(counts.lookup(3).has_value());
  CHECK_FALSE(counts.lookup(4));
  CHECK(counts.increment(2, 5));
  CHECK(counts.increment(2));
  CHECK(*counts.lookup(2) == 6);
  CHECK_FALSE(counts.increment(4)); // no such index
  CHECK_FALSE(counts.update(7, 1));
  CHECK_FALSE(counts.update(1, 1, memcgpp::update_mode::create_only)); // every key exists
  CHECK(counts.update(1, 1, memcgpp::update_mode::replace_only));
}

TEST_CASE("a lookup returns a reference into the map") {
  memcgpp::hash_map<std::uint64_t, std::uint64_t, 8> values;
  CHECK(values.update(10, 1));
  if (auto v = values.lookup(10))
    *v = 42;
  CHECK(values.lookup(10).value_or(0) == 42);
}

TEST_CASE("a hash map holds at most its capacity, and update modes are kept") {
  memcgpp::hash_map<flow, std::uint64_t, 2> flows;
  CHECK(flows.update({1, 1}, 10, memcgpp::update_mode::create_only));
  CHECK_FALSE(flows.update({1, 1}, 11, memcgpp::update_mode::create_only));
  CHECK_FALSE(flows.update({2, 1}, 20, memcgpp::update_mode::replace_only));
  CHECK(flows.update({2, 1}, 20));
  CHECK_FALSE(flows.update({3, 1}, 30)); // full
  CHECK(flows.increment({2, 1}, 2));
  CHECK(flows.lookup({2, 1}).value_or(0) == 22);
  CHECK(flows.erase({1, 1}));
  CHECK_FALSE(flows.erase({1, 1}));
  CHECK(flows.increment({3, 1})); // creates the key now that there is room
  CHECK(flows.entries().size() == 2);
}

TEST_CASE("an LRU hash evicts the least recently used key when full") {
  memcgpp::lru_hash_map<std::uint32_t, std::uint32_t, 2> recent;
  CHECK(recent.update(1, 1));
  CHECK(recent.update(2, 2));
  CHECK(recent.lookup(1)); // 1 is now the most recent
  CHECK(recent.update(3, 3));
  CHECK(recent.lookup(1));
  CHECK_FALSE(recent.lookup(2));
  CHECK(recent.lookup(3));
}

TEST_CASE("per-CPU maps keep one value per CPU") {
  memcgpp::percpu_array_map<std::uint32_t, std::uint64_t, 1> hits;
  memcgpp::host::env() = {};
  hits.increment(0);
  memcgpp::host::env().cpu = 1;
  hits.increment(0, 4);
  CHECK(hits.lookup(0).value_or(0) == 4);
  CHECK(hits.per_cpu_values(0) == std::vector<std::uint64_t>{1, 4, 0, 0});
  CHECK(hits.sum(0) == 5);

  memcgpp::percpu_hash_map<std::uint32_t, std::uint64_t, 4> by_cgroup;
  memcgpp::host::env().cpu = 2;
  by_cgroup.increment(7);
  CHECK(by_cgroup.per_cpu_values(7) == std::vector<std::uint64_t>{0, 0, 1, 0});
  CHECK(by_cgroup.erase(7));
  CHECK(by_cgroup.per_cpu_values(7) == std::vector<std::uint64_t>{0, 0, 0, 0});
  memcgpp::host::env() = {};
}
