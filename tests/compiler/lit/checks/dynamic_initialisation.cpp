// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>
inline unsigned long compute() { return 64; }
unsigned long limit = compute();

class dyninit_policy : public memcgpp::policy<dyninit_policy> {
public:
  static constexpr memcgpp::policy_name name{"dyninit_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    // CHECK: dynamic_initialisation.cpp:[[@LINE+2]]:35: error: `limit` needs code to initialise it, which nothing runs in a BPF program
    // CHECK: note: make it constexpr or constinit, or keep the state in a map
    return memcgpp::reclaim_pages(limit);
    return memcgpp::keep_default;
  }
};
