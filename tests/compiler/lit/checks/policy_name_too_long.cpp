// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class long_name : public memcgpp::policy<long_name> {
public:
  // CHECK: a policy name has at most 15 characters (the kernel's BPF_OBJ_NAME_LEN)
  static constexpr memcgpp::policy_name name{"far_too_long_name"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&) { return memcgpp::keep_default; }
};
