// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class asm_policy : public memcgpp::policy<asm_policy> {
public:
  static constexpr memcgpp::policy_name name{"asm_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    // CHECK: inline_asm.cpp:[[@LINE+1]]:5: error: inline assembly cannot be verified as a BPF program
    asm volatile("");
    return memcgpp::keep_default;
  }
};
