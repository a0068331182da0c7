// The host harness: charges follow the kernel's rules, hooks see what the
// kernel would show them, and verdicts become the kernel's reclaim size.
#include <doctest/doctest.h>

#include <memcgpp/testing.hpp>

// Records what the hook saw, and asks for 64 pages on failed charges.
class recorder : public memcgpp::policy<recorder> {
public:
  static constexpr memcgpp::policy_name name{"recorder"};
  memcgpp::hash_map<std::uint64_t, std::uint64_t, 16> charged_pages;
  memcgpp::hash_map<std::uint64_t, std::uint64_t, 16> failures_by_limit;

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    if (c.charge_done()) {
      charged_pages.increment(c.memcg().id(), c.nr_pages());
      return memcgpp::reclaim_pages(64); // ignored: the charge succeeded
    }
    if (auto over = c.over_limit())
      failures_by_limit.increment(over->id());
    memcgpp::log("%s over limit, usage %lu of %lu", c.memcg().name(), c.memcg().usage_pages(),
                 c.memcg().max_pages());
    return memcgpp::reclaim_pages(64);
  }
};

TEST_CASE("charges below the limits succeed at every level") {
  memcgpp::testing::scenario<recorder> s;
  auto& parent = s.add_cgroup("parent", {.max_pages = 100});
  auto& child = s.add_cgroup("child", {}, &parent);
  const auto result = s.charge(child, 10);
  CHECK(result.charged);
  CHECK(result.over_limit == nullptr);
  CHECK(result.reclaim_pages == 0);
  CHECK(child.usage_pages == 10);
  CHECK(parent.usage_pages == 10);
  CHECK(s.root().usage_pages == 10);
  CHECK(s.policy().charged_pages.lookup(child.id).value_or(0) == 10);
}

TEST_CASE("a charge past an ancestor's limit fails there, and the verdict sets the reclaim") {
  memcgpp::testing::scenario<recorder> s;
  auto& parent = s.add_cgroup("parent", {.max_pages = 100});
  auto& child = s.add_cgroup("child", {.max_pages = 1000}, &parent);
  s.fill(child, 95);
  const auto result = s.charge(child, 10);
  CHECK_FALSE(result.charged);
  CHECK(result.over_limit == &parent);
  CHECK(result.reclaim_pages == 64);
  CHECK(child.usage_pages == 95);
  CHECK(s.policy().failures_by_limit.lookup(parent.id).value_or(0) == 1);
  REQUIRE(s.log().size() == 1);
  CHECK(s.log()[0] == "child over limit, usage 95 of 1000");
}

class silent : public memcgpp::policy<silent> {
public:
  static constexpr memcgpp::policy_name name{"silent"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&) { return memcgpp::keep_default; }
};

TEST_CASE("without a verdict the kernel reclaims the charge size") {
  memcgpp::testing::scenario<silent> s;
  auto& cg = s.add_cgroup("cg", {.max_pages = 4});
  s.fill(cg, 4);
  CHECK(s.charge(cg, 2).reclaim_pages == 2);
}

TEST_CASE("a context built by hand shows no over-limit cgroup after a successful charge") {
  memcgpp::testing::scenario<recorder> s;
  auto& cg = s.add_cgroup("cg");
  memcgpp::host::charge raw{.memcg = &cg, .nr_pages = 3, .over_limit = &cg, .charge_done = true};
  const memcgpp::charge_context context(raw);
  CHECK_FALSE(context.over_limit());
  CHECK(context.reclaim().may_swap());
  CHECK(s.fire(raw) == memcgpp::reclaim_pages(64));
  CHECK(s.policy().failures_by_limit.entries().empty());
}
