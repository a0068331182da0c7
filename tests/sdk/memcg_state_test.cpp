// memcg state on the host: sizes and limits in bytes, event counters,
// memory.stat items, and references to parents and the root that are
// released as the kernel requires.
#include <doctest/doctest.h>

#include <utility>

#include <memcgpp/testing.hpp>

// Walks from the charged cgroup up to the root, summing what each level
// says, as a policy that looks at its ancestors would.
class ancestry : public memcgpp::policy<ancestry> {
public:
  static constexpr memcgpp::policy_name name{"ancestry"};
  // 0: levels seen, 1: the tightest max in bytes, 2: memory.events max summed
  memcgpp::array_map<std::uint32_t, std::uint64_t, 3> seen;

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    std::uint64_t levels = 0;
    std::uint64_t tightest = memcgpp::unlimited_bytes;
    std::uint64_t max_events = 0;
    memcgpp::owned_memcg level = c.memcg().acquire();
    for (std::uint32_t i : memcgpp::bounded_range<16>(16)) {
      (void)i;
      if (!level)
        break;
      ++levels;
      if (level->max_bytes() < tightest)
        tightest = level->max_bytes();
      max_events += level->memory_events(memcgpp::memory_event::max);
      level = level->parent();
    }
    seen.update(0, levels);
    seen.update(1, tightest);
    seen.update(2, max_events);
    return memcgpp::keep_default;
  }
};


TEST_CASE("sizes and limits read in bytes, with unlimited_bytes for max") {
  memcgpp::host::memcg_state cg{.name = "cg", .id = 2, .usage_pages = 3, .min_pages = 1, .low_pages = 2,
                                .high_pages = 8};
  const memcgpp::memcg m(&cg);
  CHECK(m.usage_bytes() == 3 * memcgpp::page_size);
  CHECK(m.min_bytes() == 4096);
  CHECK(m.low_bytes() == 8192);
  CHECK(m.high_bytes() == 8 * 4096);
  CHECK(m.max_bytes() == memcgpp::unlimited_bytes);
  // The page counters still read as they did.
  CHECK(m.max_pages() == memcgpp::host::memcg_state::unlimited);
  CHECK(m.usage_pages() == 3);
}

TEST_CASE("event counters and memory.stat items read what the test set, 0 otherwise") {
  memcgpp::host::memcg_state cg{.name = "cg", .id = 2};
  cg.memory_events[memcgpp::memory_event::max] = 5;
  cg.memory_events[memcgpp::memory_event::oom_kill] = 1;
  cg.vm_events[memcgpp::vm_event::pgfault] = 1000;
  cg.stats[memcgpp::memory_stat::anon] = 1 << 20;
  const memcgpp::memcg m(&cg);
  CHECK(m.memory_events(memcgpp::memory_event::max) == 5);
  CHECK(m.memory_events(memcgpp::memory_event::oom_kill) == 1);
  CHECK(m.memory_events(memcgpp::memory_event::high) == 0);
  CHECK(m.vm_events(memcgpp::vm_event::pgfault) == 1000);
  CHECK(m.vm_events(memcgpp::vm_event::pgmajfault) == 0);
  CHECK(m.stat(memcgpp::memory_stat::anon) == 1 << 20);
  CHECK(m.stat(memcgpp::memory_stat::file) == 0);
}

TEST_CASE("parent() walks up to the root, whose parent is empty") {
  memcgpp::testing::scenario<ancestry> s;
  auto& a = s.add_cgroup("a", {.max_pages = 1000});
  auto& b = s.add_cgroup("b", {.max_pages = 100}, &a);
  auto& c = s.add_cgroup("c", {}, &b);
  const memcgpp::memcg m(&c);
  {
    auto parent = m.parent();
    REQUIRE(parent);
    CHECK(parent->id() == b.id);
    auto grandparent = parent->parent();
    REQUIRE(grandparent.has_value());
    CHECK((*grandparent).id() == a.id);
    auto root = grandparent->parent();
    REQUIRE(root);
    CHECK(root->raw() == &s.root());
    CHECK_FALSE(root->parent());
    CHECK(s.memcg_references() == 3);
  }
  CHECK(s.memcg_references() == 0);

  auto root = memcgpp::root_memcg();
  REQUIRE(root);
  CHECK(root->id() == 1);
  CHECK_FALSE(root->parent());
}

TEST_CASE("a hook that walks its ancestors holds each one reference at a time, and releases it") {
  memcgpp::testing::scenario<ancestry> s;
  auto& a = s.add_cgroup("a", {.max_pages = 1000});
  auto& b = s.add_cgroup("b", {.max_pages = 100}, &a);
  auto& c = s.add_cgroup("c", {}, &b);
  a.memory_events[memcgpp::memory_event::max] = 2;
  b.memory_events[memcgpp::memory_event::max] = 3;
  s.charge(c, 1);
  CHECK(s.policy().seen.lookup(0).value_or(0) == 4); // c, b, a and the root
  CHECK(s.policy().seen.lookup(1).value_or(0) == 100 * memcgpp::page_size);
  CHECK(s.policy().seen.lookup(2).value_or(0) == 5);
  CHECK(s.memcg_references() == 0);
}

TEST_CASE("owned_memcg moves its reference and releases it once") {
  memcgpp::testing::scenario<ancestry> s;
  auto& cg = s.add_cgroup("cg");
  memcgpp::owned_memcg empty;
  CHECK_FALSE(empty);
  {
    memcgpp::owned_memcg held = memcgpp::memcg(&cg).acquire();
    CHECK(s.memcg_references() == 1);
    memcgpp::owned_memcg moved = std::move(held);
    CHECK_FALSE(held); // NOLINT(bugprone-use-after-move): what a move leaves
    CHECK(moved->id() == cg.id);
    CHECK(s.memcg_references() == 1);
    moved = moved->parent(); // takes the root, releases cg
    CHECK(moved->raw() == &s.root());
    CHECK(s.memcg_references() == 1);
    moved = std::move(empty);
    CHECK_FALSE(moved);
    CHECK(s.memcg_references() == 0);
  }
  CHECK(s.memcg_references() == 0);
}

TEST_CASE("without a scenario there is no root") {
  memcgpp::host::env() = memcgpp::host::environment{};
  CHECK_FALSE(memcgpp::root_memcg());
}
