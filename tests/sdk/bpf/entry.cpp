// The struct_ops entry point and value for a policy without maps or
// parameters, as memcgpp-compile generates them: compile with
// -DPOLICY_SOURCE='"path/policy.cpp"' -DPOLICY_CLASS=class_name.
#include POLICY_SOURCE

#include <memcgpp/bpf/struct_ops.hpp>

extern "C" [[gnu::section("struct_ops/try_charge_memcg"), gnu::used]] int
policy_try_charge_memcg(unsigned long long* ctx) {
  return memcgpp::bpf::run_try_charge_memcg<POLICY_CLASS>(ctx);
}

struct memcg_ops {
  int (*try_charge_memcg)(void*);
};
extern "C" {
[[gnu::section(".struct_ops"), gnu::used]] memcg_ops policy_ops = {
    .try_charge_memcg = reinterpret_cast<int (*)(void*)>(policy_try_charge_memcg)};
[[gnu::section("license"), gnu::used]] extern const char LICENSE[] = "GPL";
}
