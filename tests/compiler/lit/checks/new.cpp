// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class new_policy : public memcgpp::policy<new_policy> {
public:
  static constexpr memcgpp::policy_name name{"new_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    // CHECK: new.cpp:[[@LINE+2]]:14: error: `new` needs a heap, which BPF programs do not have
    // CHECK: note: keep the object on the stack, or in a map
    int* p = new int(1);
    (void)p;
    return memcgpp::keep_default;
  }
};
