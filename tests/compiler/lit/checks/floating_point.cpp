// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class float_policy : public memcgpp::policy<float_policy> {
public:
  static constexpr memcgpp::policy_name name{"float_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    // CHECK: floating_point.cpp:[[@LINE+2]]:26: error: floating point is not available in BPF programs
    // CHECK: note: use integers, scaled if you need fractions (per mille, say)
    const double ratio = c.nr_pages() / 2.0;
    (void)ratio;
    return memcgpp::keep_default;
  }
};
