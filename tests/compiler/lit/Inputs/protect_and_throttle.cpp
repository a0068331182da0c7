// A policy with two of the later hooks, declared out of the kernel's order,
// and a private helper that takes a hook context: it protects one cgroup
// below a usage threshold, and throttles it above memory.high for at least
// 100 ms. The throttle is optional: a kernel without it still protects.
#include <memcgpp/memcgpp.hpp>

class guard : public memcgpp::policy<guard> {
public:
  static constexpr memcgpp::policy_name name{"guard"};
  memcgpp::param<std::uint64_t> guarded;
  memcgpp::param<std::uint64_t> threshold_pages{1024};
  memcgpp::array_map<std::uint32_t, std::uint64_t, 2> decisions;

  MEMCGPP_OPTIONAL_HOOK memcgpp::throttle_verdict get_high_delay_ms(memcgpp::throttle_context& c) {
    return c.memcg().id() == guarded ? memcgpp::throttle_at_least_ms(100) : memcgpp::keep_default_throttle;
  }

  memcgpp::protection_verdict below_low(memcgpp::protection_context& c) { return decide(c); }

private:
  memcgpp::protection_verdict decide(memcgpp::protection_context& c) {
    const bool shield = c.memcg().id() == guarded && c.usage_pages() < threshold_pages;
    decisions.increment(shield ? 1 : 0);
    return shield ? memcgpp::protect : memcgpp::keep_default_protection;
  }
};
