// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err --implicit-check-not=error:
#include <memcgpp/memcgpp.hpp>

class online_policy : public memcgpp::policy<online_policy> {
public:
  static constexpr memcgpp::policy_name name{"online_policy"};
  memcgpp::array_map<std::uint32_t, std::uint64_t, 1> seen;
    // CHECK: hook_signature_context.cpp:[[@LINE+2]]:8: error: hook `handle_cgroup_online` has the wrong signature
    // CHECK: note: declare it as `void handle_cgroup_online(memcgpp::lifecycle_context&)`
  void handle_cgroup_online(memcgpp::uncharge_context& c) { seen.increment(0, c.nr_pages()); }
    // CHECK: hook_signature_context.cpp:[[@LINE+2]]:29: error: hook `get_high_delay_ms` has the wrong signature
    // CHECK: note: declare it as `memcgpp::throttle_verdict get_high_delay_ms(memcgpp::throttle_context&)`
  memcgpp::throttle_verdict get_high_delay_ms(memcgpp::throttle_context c) {
    return c.memcg().usage_pages() > 10 ? memcgpp::throttle_at_least_ms(50) : memcgpp::keep_default_throttle;
  }
};
