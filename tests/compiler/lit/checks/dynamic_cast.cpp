// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>
struct shape { virtual ~shape(); };
struct circle : shape {};
class cast_policy : public memcgpp::policy<cast_policy> {
public:
  static constexpr memcgpp::policy_name name{"cast_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&) {
    shape* s = nullptr;
    // CHECK: dynamic_cast.cpp:[[@LINE+1]]:11: error: `dynamic_cast` needs RTTI, which BPF programs do not have
    (void)dynamic_cast<circle*>(s);
    return memcgpp::keep_default;
  }
};
