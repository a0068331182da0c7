// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class loop_policy : public memcgpp::policy<loop_policy> {
public:
  static constexpr memcgpp::policy_name name{"loop_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    unsigned long n = c.nr_pages();
    // CHECK: unbounded_loop.cpp:[[@LINE+2]]:5: error: this loop has no compile-time bound, so the verifier may reject it
    // CHECK: note: compare the counter with a constant, or iterate over memcgpp::bounded_range<Max>(n)
    while (n > c.memcg().usage_pages())
      n /= 2;
    return memcgpp::keep_default;
  }
};
