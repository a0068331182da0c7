// A policy that uses every part of the SDK, bound by hand the way
// memcgpp-compile binds policies, for the BPF target: bpf_object.sh checks
// the object clang makes of it.
#include <memcgpp/bpf/struct_ops.hpp>
#include <memcgpp/memcgpp.hpp>

// C-shaped map definitions in libbpf's BTF-defined form.
#define MAP_DEF(name, type_id, entries, key_t, value_t)                                            \
  struct name##_def {                                                                              \
    int (*type)[type_id];                                                                          \
    int (*max_entries)[entries];                                                                   \
    key_t* key;                                                                                    \
    value_t* value;                                                                                \
  };                                                                                               \
  extern "C" {                                                                                     \
  [[gnu::section(".maps"), gnu::used]] name##_def name;                                            \
  }

struct event {
  std::uint64_t cgroup;
  std::uint64_t pages;
};

MAP_DEF(everything_array, 2, 4, std::uint32_t, std::uint64_t)
MAP_DEF(everything_hash, 1, 64, std::uint64_t, std::uint64_t)
MAP_DEF(everything_pcpu_array, 6, 1, std::uint32_t, std::uint64_t)
MAP_DEF(everything_pcpu_hash, 5, 64, std::uint64_t, std::uint64_t)
MAP_DEF(everything_lru, 9, 64, std::uint64_t, std::uint64_t)
struct everything_events_def {
  int (*type)[27];
  int (*max_entries)[4096];
};
extern "C" {
[[gnu::section(".maps"), gnu::used]] everything_events_def everything_events;
[[gnu::section(".rodata"), gnu::used]] const volatile std::uint64_t everything_watched = 0;
}

class everything : public memcgpp::policy<everything> {
public:
  static constexpr memcgpp::policy_name name{"everything"};
  static constexpr memcgpp::param<std::uint64_t, &everything_watched> watched{};
  static constexpr memcgpp::array_map<std::uint32_t, std::uint64_t, 4, &everything_array> counts{};
  static constexpr memcgpp::hash_map<std::uint64_t, std::uint64_t, 64, &everything_hash> by_id{};
  static constexpr memcgpp::percpu_array_map<std::uint32_t, std::uint64_t, 1, &everything_pcpu_array> fast{};
  static constexpr memcgpp::percpu_hash_map<std::uint64_t, std::uint64_t, 64, &everything_pcpu_hash> fast_by_id{};
  static constexpr memcgpp::lru_hash_map<std::uint64_t, std::uint64_t, 64, &everything_lru> last_seen{};
  static constexpr memcgpp::ring_buffer<event, 4096, &everything_events> events{};

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    const memcgpp::memcg m = c.memcg();
    counts.increment(c.charge_done() ? 0 : 1);
    by_id.increment(m.id(), c.nr_pages());
    fast.increment(0);
    fast_by_id.increment(m.id());
    last_seen.update(m.id(), memcgpp::ktime_ns());
    if (auto seen = by_id.lookup(m.id()); seen && *seen > 1000)
      by_id.erase(m.id());
    if (c.gfp().has(memcgpp::gfp::account) && m.id() == watched)
      events.emit({m.id(), c.nr_pages()});
    std::uint64_t limits = 0;
    for (std::uint32_t i : memcgpp::bounded_range<4>(c.nr_pages()))
      limits += i;
    memcgpp::log("cpu %u random %u", memcgpp::cpu_id(), memcgpp::random_u32());
    memcgpp::log("%s usage %lu max %lu high %lu low %lu min %lu", m.name(), m.usage_pages(),
                 m.max_pages(), m.high_pages(), m.low_pages(), m.min_pages());
    if (auto over = c.over_limit())
      memcgpp::log("over %s swap %d sum %lu", over->name(), c.reclaim().may_swap() ? 1 : 0, limits);
    return c.charge_done() ? memcgpp::keep_default : memcgpp::reclaim_pages(64);
  }
};

extern "C" [[gnu::section("struct_ops/try_charge_memcg"), gnu::used]] int
everything_try_charge_memcg(unsigned long long* ctx) {
  return memcgpp::bpf::run_try_charge_memcg<everything>(ctx);
}

struct memcg_ops {
  int (*try_charge_memcg)(void*);
};
extern "C" {
[[gnu::section(".struct_ops"), gnu::used]] memcg_ops everything_ops = {
    .try_charge_memcg = reinterpret_cast<int (*)(void*)>(everything_try_charge_memcg)};
[[gnu::section("license"), gnu::used]] extern const char LICENSE[] = "GPL";
}
