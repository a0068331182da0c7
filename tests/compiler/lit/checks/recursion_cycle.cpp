// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

int pong(int n);
// CHECK: recursion_cycle.cpp:[[@LINE+3]]:5: error: `ping` is recursive, and BPF programs cannot recurse
// CHECK: recursion_cycle.cpp:[[@LINE+3]]:5: note: through `pong`
// CHECK-NOT: error:
int ping(int n) { return n == 0 ? 0 : pong(n - 1); }
int pong(int n) { return n == 0 ? 0 : ping(n - 1); }

class cycle_policy : public memcgpp::policy<cycle_policy> {
public:
  static constexpr memcgpp::policy_name name{"cycle"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    return memcgpp::reclaim_pages(ping(static_cast<int>(c.nr_pages())));
  }
};
