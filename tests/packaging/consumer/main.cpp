// Opens the policy from its skeleton and reports what it found.
#include <memcgpp/runtime.hpp>

#include <iostream>

#include "reclaim_batch.skel.hpp"

int main() {
  auto policy = memcgpp::policy_object::open<reclaim_batch_skeleton>();
  if (!policy) {
    std::cerr << policy.err().message() << "\n";
    return 1;
  }
  std::cout << policy->name() << " " << reclaim_batch_skeleton::try_charge_memcg_program << " "
            << reclaim_batch_skeleton::raised_map::max_entries << "\n";
  return 0;
}
