// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class throw_policy : public memcgpp::policy<throw_policy> {
public:
  static constexpr memcgpp::policy_name name{"throw_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    if (c.nr_pages() == 0)
    // CHECK: throw.cpp:[[@LINE+2]]:7: error: exceptions are not available in BPF programs
    // CHECK: note: return a value that says what went wrong
      throw 1;
    return memcgpp::keep_default;
  }
};
