// A policy that implements every memcg_ops hook and reads memcg state
// through every kfunc the SDK wraps, bound by hand the way memcgpp-compile
// binds policies, for the BPF target: bpf_kfuncs.sh checks the object clang
// makes of it.
#include <memcgpp/bpf/struct_ops.hpp>
#include <memcgpp/memcgpp.hpp>

struct state_counts_def {
  int (*type)[2];
  int (*max_entries)[16];
  std::uint32_t* key;
  std::uint64_t* value;
};
extern "C" {
[[gnu::section(".maps"), gnu::used]] state_counts_def state_counts;
}

class state_policy : public memcgpp::policy<state_policy> {
public:
  static constexpr memcgpp::policy_name name{"state_policy"};
  static constexpr memcgpp::array_map<std::uint32_t, std::uint64_t, 16, &state_counts> counts{};

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    const memcgpp::memcg m = c.memcg();
    counts.update(0, m.usage_bytes());
    counts.update(1, m.max_bytes() - m.high_bytes());
    counts.update(2, m.low_bytes() + m.min_bytes());
    if (auto over = c.acquire_over_limit())
      counts.update(3, over->memory_events(memcgpp::memory_event::max));
    // The ancestors, one reference at a time.
    memcgpp::owned_memcg level = m.parent();
    for (std::uint32_t i : memcgpp::bounded_range<8>(8)) {
      if (!level)
        break;
      counts.increment(4, level->usage_bytes());
      level = level->parent();
      (void)i;
    }
    return memcgpp::keep_default;
  }

  void memcg_uncharged(memcgpp::uncharge_context& c) {
    counts.increment(5, c.nr_pages());
    counts.update(6, c.memcg().vm_events(memcgpp::vm_event::pgscan_direct));
  }

  memcgpp::protection_verdict below_low(memcgpp::protection_context& c) {
    return c.memcg().stat(memcgpp::memory_stat::file) > c.protection_pages() * memcgpp::page_size
               ? memcgpp::protect
               : memcgpp::keep_default_protection;
  }

  memcgpp::protection_verdict below_min(memcgpp::protection_context& c) {
    return c.memcg().memory_events(memcgpp::memory_event::oom_kill) > 0 ? memcgpp::protect
                                                                        : memcgpp::keep_default_protection;
  }

  memcgpp::throttle_verdict get_high_delay_ms(memcgpp::throttle_context& c) {
    // slab_reclaimable counts bytes, kernel_stack KiB: both read in bytes.
    const std::uint64_t kernel = c.memcg().stat(memcgpp::memory_stat::slab_reclaimable) +
                                 c.memcg().stat(memcgpp::memory_stat::kernel_stack);
    return kernel > (64u << 20) ? memcgpp::throttle_at_least_ms(200) : memcgpp::keep_default_throttle;
  }

  void handle_cgroup_online(memcgpp::lifecycle_context& c) {
    if (auto same = c.memcg().acquire())
      counts.update(7, same->vm_events(memcgpp::vm_event::pgfault));
  }

  void handle_cgroup_offline(memcgpp::lifecycle_context&) {
    if (auto root = memcgpp::root_memcg())
      counts.update(8, root->usage_bytes());
  }
};

#define ENTRY(hook, returns)                                                                       \
  extern "C" [[gnu::section("struct_ops/" #hook), gnu::used]] returns state_##hook(                \
      unsigned long long* ctx) {                                                                   \
    return memcgpp::bpf::run_##hook<state_policy>(ctx);                                            \
  }
ENTRY(try_charge_memcg, int)
ENTRY(memcg_uncharged, void)
ENTRY(below_low, bool)
ENTRY(below_min, bool)
ENTRY(get_high_delay_ms, unsigned int)
ENTRY(handle_cgroup_online, void)
ENTRY(handle_cgroup_offline, void)

struct memcg_ops {
  int (*try_charge_memcg)(void*);
  void (*memcg_uncharged)(memcgpp::kernel::mem_cgroup*, unsigned int);
  bool (*below_low)(memcgpp::kernel::mem_cgroup*, unsigned long, unsigned long);
  bool (*below_min)(memcgpp::kernel::mem_cgroup*, unsigned long, unsigned long);
  unsigned int (*get_high_delay_ms)(memcgpp::kernel::mem_cgroup*);
  void (*handle_cgroup_online)(memcgpp::kernel::mem_cgroup*);
  void (*handle_cgroup_offline)(memcgpp::kernel::mem_cgroup*);
};
// Through void (*)(), which -Wcast-function-type allows: each program takes
// the hook's arguments packed in ctx, BPF_PROG's way.
#define MEMBER(hook) reinterpret_cast<decltype(memcg_ops::hook)>(reinterpret_cast<void (*)()>(state_##hook))
extern "C" {
[[gnu::section(".struct_ops"), gnu::used]] memcg_ops state_ops = {
    .try_charge_memcg = MEMBER(try_charge_memcg),
    .memcg_uncharged = MEMBER(memcg_uncharged),
    .below_low = MEMBER(below_low),
    .below_min = MEMBER(below_min),
    .get_high_delay_ms = MEMBER(get_high_delay_ms),
    .handle_cgroup_online = MEMBER(handle_cgroup_online),
    .handle_cgroup_offline = MEMBER(handle_cgroup_offline)};
[[gnu::section("license"), gnu::used]] extern const char LICENSE[] = "GPL";
}
