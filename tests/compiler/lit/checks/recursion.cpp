// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

// CHECK: recursion.cpp:[[@LINE+2]]:5: error: `depth` is recursive, and BPF programs cannot recurse
// CHECK: note: rewrite it as a loop with a bound
int depth(int n) { return n == 0 ? 0 : 1 + depth(n - 1); }

class recursion_policy : public memcgpp::policy<recursion_policy> {
public:
  static constexpr memcgpp::policy_name name{"recursion"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    return memcgpp::reclaim_pages(depth(static_cast<int>(c.nr_pages())));
  }
};
