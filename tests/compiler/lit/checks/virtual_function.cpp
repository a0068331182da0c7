// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class virtual_policy : public memcgpp::policy<virtual_policy> {
public:
  static constexpr memcgpp::policy_name name{"virtual_policy"};
  // CHECK: virtual_function.cpp:[[@LINE+2]]:11: error: a policy cannot have virtual functions: BPF programs have no indirect calls
  // CHECK-NEXT: virtual ~virtual_policy
  virtual ~virtual_policy() = default;
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&) { return memcgpp::keep_default; }
};
