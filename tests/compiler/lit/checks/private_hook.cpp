// RUN: %memcgpp-compile %s -o %t.o 2>%t.err; test $? -eq 1
// RUN: FileCheck %s --input-file=%t.err
#include <memcgpp/memcgpp.hpp>

class shy_policy : public memcgpp::policy<shy_policy> {
public:
  static constexpr memcgpp::policy_name name{"shy_policy"};

private:
    // CHECK: private_hook.cpp:[[@LINE+2]]:8: error: hook `handle_cgroup_offline` is not public
    // CHECK: note: declare it after `public:`
  void handle_cgroup_offline(memcgpp::lifecycle_context&) {}
};
