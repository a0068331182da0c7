#include "policy_model.hpp"

namespace memcgpp::compiler {

const std::vector<hook_spec>& known_hooks() {
  // try_charge_memcg's member keeps `void*`, as before the other hooks came,
  // so that objects of charge-only policies stay byte for byte as they were:
  // libbpf matches members by name, and checks only that each is a function
  // pointer. The later members give the kernel's prototypes.
  static const std::vector<hook_spec> hooks = {
      {"try_charge_memcg", "charge",
       "memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&)",
       "memcgpp::bpf::run_try_charge_memcg", "charge_context", "charge_verdict", "int", "void*"},
      {"memcg_uncharged", "uncharge", "void memcg_uncharged(memcgpp::uncharge_context&)",
       "memcgpp::bpf::run_memcg_uncharged", "uncharge_context", nullptr, "void",
       "::memcgpp::kernel::mem_cgroup*, unsigned int"},
      {"below_low", "low", "memcgpp::protection_verdict below_low(memcgpp::protection_context&)",
       "memcgpp::bpf::run_below_low", "protection_context", "protection_verdict", "bool",
       "::memcgpp::kernel::mem_cgroup*, unsigned long, unsigned long"},
      {"below_min", "min", "memcgpp::protection_verdict below_min(memcgpp::protection_context&)",
       "memcgpp::bpf::run_below_min", "protection_context", "protection_verdict", "bool",
       "::memcgpp::kernel::mem_cgroup*, unsigned long, unsigned long"},
      {"get_high_delay_ms", "delay",
       "memcgpp::throttle_verdict get_high_delay_ms(memcgpp::throttle_context&)",
       "memcgpp::bpf::run_get_high_delay_ms", "throttle_context", "throttle_verdict", "unsigned int",
       "::memcgpp::kernel::mem_cgroup*"},
      {"handle_cgroup_online", "online", "void handle_cgroup_online(memcgpp::lifecycle_context&)",
       "memcgpp::bpf::run_handle_cgroup_online", "lifecycle_context", nullptr, "void",
       "::memcgpp::kernel::mem_cgroup*"},
      {"handle_cgroup_offline", "offline", "void handle_cgroup_offline(memcgpp::lifecycle_context&)",
       "memcgpp::bpf::run_handle_cgroup_offline", "lifecycle_context", nullptr, "void",
       "::memcgpp::kernel::mem_cgroup*"},
  };
  return hooks;
}

std::string hook_names() {
  std::string names;
  const auto& hooks = known_hooks();
  for (size_t i = 0; i < hooks.size(); ++i) {
    if (i > 0)
      names += i + 1 == hooks.size() ? " and " : ", ";
    names += hooks[i].name;
  }
  return names;
}

} // namespace memcgpp::compiler
