// A harness for unit tests of policies on the host: a simulated memcg tree,
// and the kernel's events on it (charges, uncharges, protection checks,
// memory.high throttling, cgroups coming and going), each firing the hook
// the policy has for it, with the policy's log.
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
#include <optional>
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
  // Whether the cgroup or an ancestor is above memory.high after it: the
  // task is throttled on its way back to user space (handle_over_high).
  bool over_high = false;
};

// What a protection check (below_low, below_min) did.
struct protection_result {
  // Whether the hook ran: never for the root, which is never protected.
  bool fired = false;
  protection_verdict verdict = keep_default_protection;
  // Whether reclaim treats the cgroup as protected.
  bool is_protected = false;
};

// What returning to user space over memory.high did.
struct throttle_result {
  // Whether the hook ran: only while the cgroup or an ancestor is over high.
  bool fired = false;
  throttle_verdict verdict = keep_default_throttle;
  // How long the task sleeps.
  std::uint32_t delay_ms = 0;
};

template <class Policy> class scenario {
  static_assert(has_any_hook<Policy>,
                "the policy implements no hook: add one, such as `memcgpp::charge_verdict "
                "try_charge_memcg(memcgpp::charge_context&)` (memcgpp/hooks.hpp lists them)");

public:
  // Starts from a fresh environment: time 0, CPU 0, an empty log, and the
  // scenario's root as root_memcg().
  scenario() {
    host::env() = host::environment{};
    root_.name = "";
    root_.id = 1;
    host::env().root = &root_;
  }
  ~scenario() {
    if (host::env().root == &root_)
      host::env().root = nullptr;
  }
  scenario(const scenario&) = delete;
  scenario& operator=(const scenario&) = delete;

  Policy& policy() { return policy_; }
  host::memcg_state& root() { return root_; }

  // Adds a cgroup under parent (the root by default), as mkdir does; ids
  // count up from 2. It comes online: handle_cgroup_online fires.
  host::memcg_state& add_cgroup(std::string name, limits l = {}, host::memcg_state* parent = nullptr) {
    host::memcg_state& cg = cgroups_.emplace_back();
    cg.name = std::move(name);
    cg.id = cgroups_.size() + 1;
    cg.parent = parent ? parent : &root_;
    cg.max_pages = l.max_pages;
    cg.high_pages = l.high_pages;
    cg.low_pages = l.low_pages;
    cg.min_pages = l.min_pages;
    if constexpr (has_handle_cgroup_online<Policy>) {
      lifecycle_context context{memcg(&cg)};
      policy_.handle_cgroup_online(context);
    }
    return cg;
  }

  // Takes a cgroup offline, as rmdir does: handle_cgroup_offline fires. It
  // stays in the tree, with online false.
  void remove_cgroup(host::memcg_state& cg) {
    if constexpr (has_handle_cgroup_offline<Policy>) {
      lifecycle_context context{memcg(&cg)};
      policy_.handle_cgroup_offline(context);
    }
    cg.online = false;
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
    if constexpr (has_try_charge_memcg<Policy>)
      result.verdict = fire(raw);
    if (!result.charged)
      result.reclaim_pages = effective_reclaim(result.verdict, nr_pages);
    result.over_high = over_high(cg);
    return result;
  }

  // Fires the charge hook on a context built by hand.
  charge_verdict fire(const host::charge& raw)
    requires has_try_charge_memcg<Policy>
  {
    charge_context context(raw);
    return policy_.try_charge_memcg(context);
  }

  // Uncharges nr_pages from cg and its ancestors, as freeing folios does
  // (uncharge_batch()); memcg_uncharged fires once for the batch.
  void uncharge(host::memcg_state& cg, std::uint64_t nr_pages) {
    for (host::memcg_state* c = &cg; c; c = const_cast<host::memcg_state*>(c->parent))
      c->usage_pages -= nr_pages < c->usage_pages ? nr_pages : c->usage_pages;
    if constexpr (has_memcg_uncharged<Policy>) {
      uncharge_context context(memcg(&cg), nr_pages);
      policy_.memcg_uncharged(context);
    }
  }

  // Reclaim's memory.low check of cg (mem_cgroup_below_low()), reclaiming
  // from the root: the root is never protected and fires nothing; below_low
  // fires for any other cgroup. elow_pages is its effective low; it defaults
  // to memory.low, which is what the kernel uses for the root's children
  // (deeper cgroups get a share of their parent's; pass it).
  protection_result below_low(host::memcg_state& cg, std::optional<std::uint64_t> elow_pages = {}) {
    return protection_check<has_below_low<Policy>>(cg, elow_pages.value_or(cg.low_pages),
                                                   [](auto& policy, auto& c) { return policy.below_low(c); });
  }
  // The same for memory.min (mem_cgroup_below_min()), with emin_pages.
  protection_result below_min(host::memcg_state& cg, std::optional<std::uint64_t> emin_pages = {}) {
    return protection_check<has_below_min<Policy>>(cg, emin_pages.value_or(cg.min_pages),
                                                   [](auto& policy, auto& c) { return policy.below_min(c); });
  }

  // A task of cg returns to user space (mem_cgroup_handle_over_high()): if
  // cg or an ancestor is above memory.high, get_high_delay_ms fires, and the
  // task sleeps for the longer of its bound and kernel_delay_ms, the delay
  // the kernel computed from the overage (not simulated here).
  throttle_result handle_over_high(host::memcg_state& cg, std::uint32_t kernel_delay_ms = 0) {
    throttle_result result;
    if (!over_high(cg))
      return result;
    if constexpr (has_get_high_delay_ms<Policy>) {
      throttle_context context{memcg(&cg)};
      result.fired = true;
      result.verdict = policy_.get_high_delay_ms(context);
    }
    result.delay_ms = effective_high_delay_ms(result.verdict, kernel_delay_ms);
    return result;
  }

  // The environment the helpers read.
  void advance_time(std::uint64_t ns) { host::env().now_ns += ns; }
  void run_on_cpu(std::uint32_t cpu) { host::env().cpu = cpu % host::environment::cpus; }
  const std::vector<std::string>& log() const { return host::env().log; }
  // owned_memcg handles alive; 0 between hooks, as the verifier demands.
  std::int64_t memcg_references() const { return host::env().memcg_references; }

private:
  // One protection check: the root fires nothing; Hook runs if the policy
  // has it (HasHook), and protection is elow or emin.
  template <bool HasHook, class Hook>
  protection_result protection_check(host::memcg_state& cg, std::uint64_t protection, Hook hook) {
    protection_result result;
    if (&cg == &root_)
      return result; // mem_cgroup_unprotected()
    if constexpr (HasHook) {
      protection_context context(memcg(&cg), protection, cg.usage_pages);
      result.fired = true;
      result.verdict = hook(policy_, context);
    }
    result.is_protected = is_protected(result.verdict, protection, cg.usage_pages);
    return result;
  }

  static bool over_high(const host::memcg_state& cg) {
    for (const host::memcg_state* c = &cg; c; c = c->parent)
      if (c->usage_pages > c->high_pages)
        return true;
    return false;
  }

  Policy policy_;
  host::memcg_state root_;
  std::deque<host::memcg_state> cgroups_; // stable addresses
};

} // namespace memcgpp::testing
