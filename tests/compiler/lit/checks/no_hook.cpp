// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

// CHECK: no_hook.cpp:[[@LINE+1]]:7: error: policy `idle_policy` implements no hook
class idle_policy : public memcgpp::policy<idle_policy> {
public:
  static constexpr memcgpp::policy_name name{"idle_policy"};
    // nothing

};
