// The RFC's memcg_printk sample as a memcgpp policy: it logs every charge the
// hook sees, and the cgroup whose limit was hit when a charge fails. Read the
// lines from /sys/kernel/tracing/trace_pipe, or with `memcgpp trace`.
#include <memcgpp/memcgpp.hpp>

class memcg_printk : public memcgpp::policy<memcg_printk> {
public:
  static constexpr memcgpp::policy_name name{"memcg_printk"};

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    memcgpp::log("memcg_printk: cgroup %s gfp_mask 0x%x nr_pages %lu reclaim_options 0x%x",
                 c.memcg().name(), c.gfp().bits(), c.nr_pages(), c.reclaim().bits());
    if (auto over = c.over_limit())
      memcgpp::log("memcg_printk: cgroup %s over limit of %s", c.memcg().name(), over->name());
    return memcgpp::keep_default;
  }
};
