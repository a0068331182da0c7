// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>
class weight { public: int value; };

class mapty_policy : public memcgpp::policy<mapty_policy> {
public:
  static constexpr memcgpp::policy_name name{"mapty_policy"};
    // CHECK: map_type_not_plain.cpp:[[@LINE+1]]:48: error: map value type of `weights` is not plain C: `weight` is declared with `class`; BTF keeps only structs and unions, so declare it with `struct`
  memcgpp::hash_map<std::uint64_t, weight, 16> weights;
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    return memcgpp::keep_default;
  }
};
