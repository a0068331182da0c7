// A harness for unit tests of policies on the host: a simulated memcg tree,
// charges that follow the kernel's rules, and the policy's log.
//
//   memcgpp::testing::scenario<reclaim_batch> s;
//   auto& batch = s.add_cgroup("batch", {.max_pages = 100});
//   s.policy().batch_cgroup.set(batch.id);
//   s.fill(batch, 100);
//   auto result = s.charge(batch, 1);       // hits memory.max
//   CHECK(result.reclaim_pages == 512);
#pragma once

#if defined(__bpf__)
#error "memcgpp/testing.hpp is for host builds"
#endif

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "memcgpp.hpp"

namespace memcgpp::testing {

// Limits of a simulated cgroup, in pages; unset means unlimited or none.
struct limits {
  std::uint64_t max_pages = host::memcg_state::unlimited;
  std::uint64_t high_pages = host::memcg_state::unlimited;
  std::uint64_t low_pages = 0;
  std::uint64_t min_pages = 0;
};

// What a simulated charge did.
struct charge_result {
  // Whether the page counters took the charge.
  bool charged = false;
  // The cgroup whose limit it hit, when it was not charged.
  const host::memcg_state* over_limit = nullptr;
  // The hook's verdict, and the reclaim size the kernel would use.
  charge_verdict verdict = keep_default;
  std::uint64_t reclaim_pages = 0;
};

template <class Policy> class scenario {
  static_assert(has_try_charge_memcg<Policy>,
                "the policy has no hook `memcgpp::charge_verdict try_charge_memcg("
                "memcgpp::charge_context&)`");

public:
  // Starts from a fresh environment: time 0, CPU 0, an empty log.
  scenario() {
    host::env() = host::environment{};
    root_.name = "";
    root_.id = 1;
  }
  scenario(const scenario&) = delete;
  scenario& operator=(const scenario&) = delete;

  Policy& policy() { return policy_; }
  host::memcg_state& root() { return root_; }

  // Adds a cgroup under parent (the root by default); ids count up from 2.
  host::memcg_state& add_cgroup(std::string name, limits l = {}, host::memcg_state* parent = nullptr) {
    host::memcg_state& cg = cgroups_.emplace_back();
    cg.name = std::move(name);
    cg.id = cgroups_.size() + 1;
    cg.parent = parent ? parent : &root_;
    cg.max_pages = l.max_pages;
    cg.high_pages = l.high_pages;
    cg.low_pages = l.low_pages;
    cg.min_pages = l.min_pages;
    return cg;
  }

  // Sets a cgroup's usage, and its ancestors' by the same difference,
  // without firing hooks: the state a test starts from.
  void fill(host::memcg_state& cg, std::uint64_t usage_pages) {
    const std::uint64_t old = cg.usage_pages;
    for (host::memcg_state* c = &cg; c; c = const_cast<host::memcg_state*>(c->parent))
      c->usage_pages = c->usage_pages - old + usage_pages;
  }

  // Charges nr_pages to cg as try_charge_memcg() would: the first ancestor
  // (cg included) whose max it would pass stops it; otherwise every level
  // takes it. The hook sees the charge either way. No reclaim is simulated:
  // the result says how much the kernel would reclaim.
  charge_result charge(host::memcg_state& cg, std::uint64_t nr_pages,
                       gfp_flags gfp = gfp_kernel_account) {
    charge_result result;
    for (const host::memcg_state* c = &cg; c && !result.over_limit; c = c->parent)
      if (c->usage_pages + nr_pages > c->max_pages)
        result.over_limit = c;
    result.charged = result.over_limit == nullptr;
    if (result.charged)
      for (host::memcg_state* c = &cg; c; c = const_cast<host::memcg_state*>(c->parent))
        c->usage_pages += nr_pages;
    host::charge raw{.memcg = &cg,
                     .gfp = gfp,
                     .nr_pages = nr_pages,
                     .over_limit = result.over_limit,
                     .reclaim = reclaim_options(reclaim_options::may_swap_bit),
                     .charge_done = result.charged};
    result.verdict = fire(raw);
    if (!result.charged)
      result.reclaim_pages = effective_reclaim(result.verdict, nr_pages);
    return result;
  }

  // Fires the hook on a context built by hand.
  charge_verdict fire(const host::charge& raw) {
    charge_context context(raw);
    return policy_.try_charge_memcg(context);
  }

  // The environment the helpers read.
  void advance_time(std::uint64_t ns) { host::env().now_ns += ns; }
  void run_on_cpu(std::uint32_t cpu) { host::env().cpu = cpu % host::environment::cpus; }
  const std::vector<std::string>& log() const { return host::env().log; }

private:
  Policy policy_;
  host::memcg_state root_;
  std::deque<host::memcg_state> cgroups_; // stable addresses
};

} // namespace memcgpp::testing
