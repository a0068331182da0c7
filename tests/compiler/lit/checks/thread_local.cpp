// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>
// clang itself rejects thread-local storage on the BPF target, at the line;
// memcgpp-compile adds the hint.
// CHECK: thread_local.cpp:[[@LINE+2]]:1: error: thread-local storage is not supported for the current target
// CHECK: thread_local.cpp:[[@LINE+1]]:1: note: keep per-CPU state in a memcgpp::percpu_array_map
thread_local int calls;

class tls_policy : public memcgpp::policy<tls_policy> {
public:
  static constexpr memcgpp::policy_name name{"tls_policy"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    (void)calls;
    return memcgpp::keep_default;
  }
};
