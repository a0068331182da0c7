// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class eager : public memcgpp::policy<eager> {
public:
  static constexpr memcgpp::policy_name name{"eager"};

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&) { return memcgpp::keep_default; }

private:
    // CHECK: optional_not_hook.cpp:[[@LINE+2]]:29: error: `helper` is not a memcg_ops hook, so it cannot be optional
    // CHECK: note: MEMCGPP_OPTIONAL_HOOK marks hooks the policy can do without; the hooks are try_charge_memcg,
  MEMCGPP_OPTIONAL_HOOK int helper() { return 0; }
};
