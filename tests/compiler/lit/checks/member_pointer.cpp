// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class memptr_policy : public memcgpp::policy<memptr_policy> {
public:
  static constexpr memcgpp::policy_name name{"memptr_policy"};
  unsigned long twice(unsigned long n) { return 2 * n; }
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    unsigned long (memptr_policy::*pick)(unsigned long) = &memptr_policy::twice;
    // CHECK: member_pointer.cpp:[[@LINE+1]]:35: error: call through a member function pointer
    return memcgpp::reclaim_pages((this->*pick)(c.nr_pages()));
    return memcgpp::keep_default;
  }
};
