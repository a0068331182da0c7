// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

// CHECK: no_name.cpp:[[@LINE+2]]:7: error: policy `nameless` has no name
// CHECK: note: declare it in the class: static constexpr memcgpp::policy_name name{"short_name"};
class nameless : public memcgpp::policy<nameless> {
public:
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&) { return memcgpp::keep_default; }
};
