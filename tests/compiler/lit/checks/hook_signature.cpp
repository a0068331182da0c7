// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class sig_policy : public memcgpp::policy<sig_policy> {
public:
  static constexpr memcgpp::policy_name name{"sig_policy"};
    // CHECK: hook_signature.cpp:[[@LINE+2]]:7: error: hook `try_charge_memcg` has the wrong signature
    // CHECK: note: declare it as `memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&)`
  int try_charge_memcg(memcgpp::charge_context& c) { return static_cast<int>(c.nr_pages()); }
};
