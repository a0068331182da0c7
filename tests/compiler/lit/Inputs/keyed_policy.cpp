// A policy with a struct key, a struct event, a per-CPU map, and a parameter
// with a default.
#include <memcgpp/memcgpp.hpp>

struct charge_key {
  std::uint64_t cgroup;
  std::uint32_t failed;
  std::uint32_t pad;
};

struct charge_event {
  std::uint64_t cgroup;
  std::uint64_t pages;
};

class keyed : public memcgpp::policy<keyed> {
public:
  static constexpr memcgpp::policy_name name{"keyed"};
  memcgpp::param<std::uint32_t> sample_every{8};
  memcgpp::hash_map<charge_key, std::uint64_t, 1024> charges;
  memcgpp::ring_buffer<charge_event> events;
  memcgpp::array_map<std::uint32_t, std::uint64_t, 1> calls; // [0]: hook calls
  memcgpp::percpu_array_map<std::uint32_t, std::uint64_t, 1> calls_per_cpu; // the same, per CPU

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    calls.increment(0);
    calls_per_cpu.increment(0);
    const charge_key key{c.memcg().id(), c.charge_done() ? 0u : 1u, 0};
    charges.increment(key);
    if (memcgpp::random_u32() % sample_every == 0)
      events.emit({key.cgroup, c.nr_pages()});
    return memcgpp::keep_default;
  }
};
