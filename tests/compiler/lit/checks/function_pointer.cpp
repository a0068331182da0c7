// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>
inline unsigned long twice(unsigned long n) { return 2 * n; }

class fnptr_policy : public memcgpp::policy<fnptr_policy> {
public:
  static constexpr memcgpp::policy_name name{"fnptr_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    unsigned long (*pick)(unsigned long) = twice;
    // CHECK: function_pointer.cpp:[[@LINE+1]]:35: error: call through a function pointer: BPF programs have no indirect calls
    return memcgpp::reclaim_pages(pick(c.nr_pages()));
    return memcgpp::keep_default;
  }
};
