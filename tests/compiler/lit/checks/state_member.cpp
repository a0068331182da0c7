// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class state_policy : public memcgpp::policy<state_policy> {
public:
  static constexpr memcgpp::policy_name name{"state_policy"};
    // CHECK: state_member.cpp:[[@LINE+2]]:17: error: policy member `calls` is not a map, a parameter or a ring buffer
    // CHECK: note: a hook runs on a fresh policy object each time, so state lives in maps
  std::uint64_t calls = 0;
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    return memcgpp::keep_default;
  }
};
