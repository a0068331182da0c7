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
    // CHECK: note: the hooks are: memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&)
  memcgpp::charge_verdict try_charge_memgc(memcgpp::charge_context& c) { (void)c; return memcgpp::keep_default; }
};
