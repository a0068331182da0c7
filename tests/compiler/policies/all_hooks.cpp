// A policy that implements every memcg_ops hook and calls every memcg kfunc,
// for the patched kernel's VM tests: it counts each hook's calls in `calls`
// and records what the kfuncs read in `state`, with the keys of
// tests/vm/kernel/progs/all_hooks.bpf.c, so that one script can check both.
// It records state only for the charges of the cgroup whose id is
// `watched`. It changes nothing: each verdict keeps the kernel's default.
#include <memcgpp/memcgpp.hpp>

namespace all_hooks_keys {
// Keys of `calls`.
enum hook_key : std::uint32_t {
  try_charge,
  uncharged,
  uncharged_pages,
  below_low,
  below_min,
  high_delay,
  online,
  offline,
  nr_hooks
};
// Keys of `state`.
enum state_key : std::uint32_t {
  usage,
  max,
  high,
  low,
  min,
  parent_max,
  events_max,
  pgfault,
  anon,
  root_parent,
  over_limit_max,
  nr_state
};
} // namespace all_hooks_keys

class all_hooks : public memcgpp::policy<all_hooks> {
public:
  static constexpr memcgpp::policy_name name{"all_hooks"};
  memcgpp::param<std::uint64_t> watched;
  memcgpp::array_map<std::uint32_t, std::uint64_t, all_hooks_keys::nr_hooks> calls;
  memcgpp::array_map<std::uint32_t, std::uint64_t, all_hooks_keys::nr_state> state;
  // Reads the kfuncs that no VM check compares with a cgroup file.
  memcgpp::array_map<std::uint32_t, std::uint64_t, 4> extra;

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    using namespace all_hooks_keys;
    calls.increment(try_charge);
    const memcgpp::memcg m = c.memcg();
    if (m.id() != watched)
      return memcgpp::keep_default;
    record(usage, m.usage_bytes());
    record(max, m.max_bytes());
    record(high, m.high_bytes());
    record(low, m.low_bytes());
    record(min, m.min_bytes());
    record(events_max, m.memory_events(memcgpp::memory_event::max));
    record(pgfault, m.vm_events(memcgpp::vm_event::pgfault));
    record(anon, m.stat(memcgpp::memory_stat::anon));
    if (auto over = c.acquire_over_limit())
      record(over_limit_max, over->max_bytes());
    if (auto parent = m.parent())
      record(parent_max, parent->max_bytes());
    // The root has no parent.
    if (auto root = memcgpp::root_memcg())
      record(root_parent, root->parent() ? 1 : 2);
    return memcgpp::keep_default;
  }

  void memcg_uncharged(memcgpp::uncharge_context& c) {
    calls.increment(all_hooks_keys::uncharged);
    calls.increment(all_hooks_keys::uncharged_pages, c.nr_pages());
  }

  memcgpp::protection_verdict below_low(memcgpp::protection_context& c) {
    calls.increment(all_hooks_keys::below_low);
    extra.update(0, c.protection_pages());
    return memcgpp::keep_default_protection;
  }

  memcgpp::protection_verdict below_min(memcgpp::protection_context& c) {
    calls.increment(all_hooks_keys::below_min);
    extra.update(1, c.usage_pages());
    return memcgpp::keep_default_protection;
  }

  memcgpp::throttle_verdict get_high_delay_ms(memcgpp::throttle_context& c) {
    calls.increment(all_hooks_keys::high_delay);
    extra.update(2, c.memcg().memory_events(memcgpp::memory_event::high));
    return memcgpp::keep_default_throttle;
  }

  void handle_cgroup_online(memcgpp::lifecycle_context& c) {
    calls.increment(all_hooks_keys::online);
    // bpf_get_mem_cgroup(&memcg->css): the same memcg, held and released.
    if (auto same = c.memcg().acquire())
      extra.update(3, same->id() == c.memcg().id() ? 1 : 2);
  }

  void handle_cgroup_offline(memcgpp::lifecycle_context&) { calls.increment(all_hooks_keys::offline); }

private:
  void record(std::uint32_t key, std::uint64_t value) { state.update(key, value); }
};
