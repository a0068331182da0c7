// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>
namespace std { class type_info; }
class typeid_policy : public memcgpp::policy<typeid_policy> {
public:
  static constexpr memcgpp::policy_name name{"typeid_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    // CHECK: typeid.cpp:[[@LINE+1]]:11: error: `typeid` needs RTTI, which BPF programs do not have
    (void)typeid(c);
    return memcgpp::keep_default;
  }
};
