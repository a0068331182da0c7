// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class typo_policy : public memcgpp::policy<typo_policy> {
public:
  static constexpr memcgpp::policy_name name{"typo_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    return memcgpp::keep_default;
  }
    // CHECK: unknown_hook.cpp:[[@LINE+2]]:27: error: `try_charge_memgc` is not a memcg_ops hook; did you mean `try_charge_memcg`?
    // CHECK: note: declare it as `memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&)`; the hooks are try_charge_memcg, memcg_uncharged, below_low, below_min, get_high_delay_ms, handle_cgroup_online and handle_cgroup_offline
  memcgpp::charge_verdict try_charge_memgc(memcgpp::charge_context& c) { (void)c; return memcgpp::keep_default; }
    // CHECK: unknown_hook.cpp:[[@LINE+2]]:31: error: `below_lwo` is not a memcg_ops hook; did you mean `below_low`?
    // CHECK: note: declare it as `memcgpp::protection_verdict below_low(memcgpp::protection_context&)`
  memcgpp::protection_verdict below_lwo(memcgpp::protection_context&) { return memcgpp::protect; }
    // A hook's context in a public method: taken for a hook with another name.
    // CHECK: unknown_hook.cpp:[[@LINE+2]]:8: error: `on_uncharge` is not a memcg_ops hook; did you mean `memcg_uncharged`?
    // CHECK: note: declare it as `void memcg_uncharged(memcgpp::uncharge_context&)`
  void on_uncharge(memcgpp::uncharge_context&) {}
};
