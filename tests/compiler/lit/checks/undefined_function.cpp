// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>
unsigned long lookup_weight(unsigned long);

class undef_policy : public memcgpp::policy<undef_policy> {
public:
  static constexpr memcgpp::policy_name name{"undef_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    // CHECK: undefined_function.cpp:[[@LINE+2]]:35: error: call to `lookup_weight`, which has no definition here
    // CHECK: note: a BPF program cannot call libc or other compiled code: define it in the policy's file, or use an SDK helper
    return memcgpp::reclaim_pages(lookup_weight(c.nr_pages()));
    return memcgpp::keep_default;
  }
};
