#include "policy_model.hpp"

namespace memcgpp::compiler {

const std::vector<hook_spec>& known_hooks() {
  static const std::vector<hook_spec> hooks = {
      {"try_charge_memcg", "charge",
       "memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&)",
       "memcgpp::bpf::run_try_charge_memcg"},
  };
  return hooks;
}

} // namespace memcgpp::compiler
