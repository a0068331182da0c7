// Two cgroups share one parent limit: a high-priority one and a low-priority
// one. While the high-priority cgroup is active (it charged memory within
// the last active_window_ms), reclaim passes it over, and the low-priority
// one sleeps at least throttle_ms each time it goes over memory.high. Once
// the high-priority cgroup goes idle, neither applies, so its idle memory can
// go to the low-priority one: unlike a static memory.low, which keeps it.
//
// Attach it to the shared parent, with both cgroups' ids as parameters.
// The throttle is optional: on a kernel without get_high_delay_ms, the
// protection still holds, and the runtime says that the throttle is gone.
#include <memcgpp/memcgpp.hpp>

class priority : public memcgpp::policy<priority> {
public:
  static constexpr memcgpp::policy_name name{"priority"};
  // The cgroups' ids: the inode numbers of their cgroupfs directories.
  memcgpp::param<std::uint64_t> high_cgroup;
  memcgpp::param<std::uint64_t> low_cgroup;
  // How long after its last charge the high-priority cgroup counts as active.
  memcgpp::param<std::uint64_t> active_window_ms{1000};
  // The low-priority cgroup's least sleep over memory.high while it is.
  memcgpp::param<std::uint32_t> throttle_ms{200};
  // [0]: when the high-priority cgroup last charged, in ktime ns.
  memcgpp::array_map<std::uint32_t, std::uint64_t, 1> last_active;

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    if (c.memcg().id() == high_cgroup)
      last_active.update(0, memcgpp::ktime_ns());
    return memcgpp::keep_default;
  }

  memcgpp::protection_verdict below_low(memcgpp::protection_context& c) {
    if (c.memcg().id() == high_cgroup && high_is_active())
      return memcgpp::protect;
    return memcgpp::keep_default_protection;
  }

  MEMCGPP_OPTIONAL_HOOK memcgpp::throttle_verdict get_high_delay_ms(memcgpp::throttle_context& c) {
    if (c.memcg().id() == low_cgroup && high_is_active())
      return memcgpp::throttle_at_least_ms(throttle_ms);
    return memcgpp::keep_default_throttle;
  }

private:
  bool high_is_active() const {
    const std::uint64_t last = last_active.lookup(0).value_or(0);
    return last != 0 && memcgpp::ktime_ns() - last < active_window_ms * 1000000;
  }
};
