// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class try_policy : public memcgpp::policy<try_policy> {
public:
  static constexpr memcgpp::policy_name name{"try_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    // CHECK: try.cpp:[[@LINE+1]]:5: error: exceptions are not available in BPF programs
    try {
    } catch (...) {
    }
    return memcgpp::keep_default;
  }
};
