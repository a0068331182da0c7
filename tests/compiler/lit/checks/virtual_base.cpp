// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

struct base {};
class virtual_base_policy : public memcgpp::policy<virtual_base_policy>,
                            // CHECK: virtual_base.cpp:[[@LINE+1]]:29: error: a policy cannot have virtual bases
                            virtual base {
public:
  static constexpr memcgpp::policy_name name{"vbase"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&) { return memcgpp::keep_default; }
};
