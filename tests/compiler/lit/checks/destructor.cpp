// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>
struct lock_guard { int n; ~lock_guard() {} };
lock_guard guard;

class dtor_policy : public memcgpp::policy<dtor_policy> {
public:
  static constexpr memcgpp::policy_name name{"dtor_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    // CHECK: destructor.cpp:[[@LINE+1]]:11: error: `guard` has a destructor, which nothing runs in a BPF program
    (void)guard.n;
    return memcgpp::keep_default;
  }
};
