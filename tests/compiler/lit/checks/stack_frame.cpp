// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
// RUN: test ! -e %t.o
#include <memcgpp/memcgpp.hpp>

class stack_policy : public memcgpp::policy<stack_policy> {
public:
  static constexpr memcgpp::policy_name name{"stack_policy"};
  // CHECK: stack_frame.cpp:[[@LINE+3]]:27: error: hook `try_charge_memcg` needs more than the 512 bytes of stack a BPF program has
  // CHECK: note: move large locals (buffers, big structs) into a map
  // CHECK-NOT: BPF stack limit
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    char name[600];
    c.memcg().name().copy_to(name);
    return memcgpp::reclaim_pages(static_cast<unsigned char>(name[599]));
  }
};
