// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>
extern "C" void* malloc(unsigned long);

class malloc_policy : public memcgpp::policy<malloc_policy> {
public:
  static constexpr memcgpp::policy_name name{"malloc_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    // CHECK: malloc.cpp:[[@LINE+1]]:15: error: `malloc` needs a heap
    void* p = malloc(8);
    (void)p;
    return memcgpp::keep_default;
  }
};
