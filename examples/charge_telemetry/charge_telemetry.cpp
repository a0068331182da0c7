// Per-cgroup counts of what the charge hook sees: charges that went through,
// charges that failed, and the reclaim requests that followed (failures of
// allocations that may block, counted for the cgroup whose limit was hit).
// Each failed charge is also sent to user space as an event. It never
// changes the kernel's choice.
#include <memcgpp/memcgpp.hpp>

// Per CPU, so that no count needs an atomic; user space sums the CPUs.
struct cgroup_counts {
  std::uint64_t charges;          // charges the page counters took
  std::uint64_t failed;           // charges they refused
  std::uint64_t reclaim_requests; // refusals, at the cgroup over its limit, that reclaim follows
};

struct charge_failure {
  std::uint64_t cgroup;     // the cgroup being charged
  std::uint64_t over_limit; // the cgroup whose limit it hit
  std::uint64_t nr_pages;
};

class charge_telemetry : public memcgpp::policy<charge_telemetry> {
public:
  static constexpr memcgpp::policy_name name{"telemetry"};
  memcgpp::percpu_hash_map<std::uint64_t, cgroup_counts, 4096> counts;
  memcgpp::ring_buffer<charge_failure, 256 * 1024> failures;

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    const std::uint64_t cgroup = c.memcg().id();
    cgroup_counts* mine = count(cgroup);
    if (c.charge_done()) {
      if (mine)
        mine->charges += 1;
      return memcgpp::keep_default;
    }
    if (mine)
      mine->failed += 1;
    if (auto over = c.over_limit()) {
      const std::uint64_t limited = over->id();
      if (cgroup_counts* theirs = count(limited); theirs && c.gfp().can_block())
        theirs->reclaim_requests += 1;
      failures.emit({cgroup, limited, c.nr_pages()});
    }
    return memcgpp::keep_default;
  }

private:
  // This CPU's counts for a cgroup, made on first use; none when the map
  // is full.
  cgroup_counts* count(std::uint64_t cgroup) {
    if (auto found = counts.lookup(cgroup))
      return &*found;
    counts.update(cgroup, cgroup_counts{}, memcgpp::update_mode::create_only);
    if (auto made = counts.lookup(cgroup))
      return &*made;
    return nullptr;
  }
};
