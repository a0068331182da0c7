// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class low_policy : public memcgpp::policy<low_policy> {
public:
  static constexpr memcgpp::policy_name name{"low_policy"};
    // CHECK: hook_signature_protection.cpp:[[@LINE+2]]:8: error: hook `below_low` has the wrong signature
    // CHECK: note: declare it as `memcgpp::protection_verdict below_low(memcgpp::protection_context&)`
  bool below_low(memcgpp::protection_context& c) { return c.usage_pages() < 100; }
};
