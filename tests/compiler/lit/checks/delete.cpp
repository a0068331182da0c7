// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class delete_policy : public memcgpp::policy<delete_policy> {
public:
  static constexpr memcgpp::policy_name name{"delete_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    int* p = nullptr;
    // CHECK: delete.cpp:[[@LINE+1]]:5: error: `delete` needs a heap
    delete p;
    return memcgpp::keep_default;
  }
};
