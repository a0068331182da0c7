// What memcgpp-compile's generated entry points call: each runs one hook of
// a policy on the kernel's context and applies its verdict the way the
// kernel expects. ctx holds the program's arguments, as BPF_PROG unpacks
// them: ctx[i] is the hook's i-th argument, widened to 64 bits.
#pragma once

#include "../charge_context.hpp"
#include "../hooks.hpp"
#include "../verdict.hpp"
#include "kernel.hpp"

namespace memcgpp::bpf {

// The body of the try_charge_memcg struct_ops program.
template <class Policy> MEMCGPP_INLINE int run_try_charge_memcg(unsigned long long* ctx) {
  static_assert(has_try_charge_memcg<Policy>,
                "the policy has no hook `memcgpp::charge_verdict try_charge_memcg("
                "memcgpp::charge_context&)`");
  auto* raw = reinterpret_cast<kernel::try_charge_memcg*>(ctx[0]);
  charge_context context(raw);
  Policy policy; // bound policies hold no state of their own: it is all in maps
  charge_verdict verdict;
  // Inlined, so that no C++ member function becomes a BPF subprogram.
  [[clang::always_inline]] verdict = policy.try_charge_memcg(context);
  // The kernel's convention: nonzero means "take nr_pages". The kernel
  // itself ignores it once the charge has succeeded, so that is not checked
  // again here.
  if (verdict == keep_default)
    return 0;
  *MEMCGPP_CORE_ADDR(raw, nr_pages) = reclaim_target(verdict);
  return 1;
}

// The memcg argument every later hook has first: trusted, never null.
MEMCGPP_INLINE memcgpp::memcg memcg_argument(unsigned long long* ctx) {
  return memcgpp::memcg(reinterpret_cast<const kernel::mem_cgroup*>(ctx[0]));
}

// memcg_uncharged(struct mem_cgroup *memcg, unsigned int nr_pages)
template <class Policy> MEMCGPP_INLINE void run_memcg_uncharged(unsigned long long* ctx) {
  static_assert(has_memcg_uncharged<Policy>,
                "the policy has no hook `void memcg_uncharged(memcgpp::uncharge_context&)`");
  // A 32-bit argument: its register's upper half is not defined.
  uncharge_context context(memcg_argument(ctx), static_cast<unsigned int>(ctx[1]));
  Policy policy;
  [[clang::always_inline]] policy.memcg_uncharged(context);
}

// below_low and below_min(struct mem_cgroup *memcg, unsigned long elow or
// emin, unsigned long usage): true protects the memcg now, false leaves the
// kernel's protection >= usage. Hook is the policy's own.
template <class Policy, protection_verdict (Policy::*Hook)(protection_context&)>
MEMCGPP_INLINE bool run_protection(unsigned long long* ctx) {
  protection_context context(memcg_argument(ctx), ctx[1], ctx[2]);
  Policy policy;
  protection_verdict verdict;
  [[clang::always_inline]] verdict = (policy.*Hook)(context);
  return verdict == protect;
}

template <class Policy> MEMCGPP_INLINE bool run_below_low(unsigned long long* ctx) {
  static_assert(has_below_low<Policy>,
                "the policy has no hook `memcgpp::protection_verdict below_low("
                "memcgpp::protection_context&)`");
  return run_protection<Policy, &Policy::below_low>(ctx);
}

template <class Policy> MEMCGPP_INLINE bool run_below_min(unsigned long long* ctx) {
  static_assert(has_below_min<Policy>,
                "the policy has no hook `memcgpp::protection_verdict below_min("
                "memcgpp::protection_context&)`");
  return run_protection<Policy, &Policy::below_min>(ctx);
}

// get_high_delay_ms(struct mem_cgroup *memcg): a lower bound in ms, 0 for
// the kernel's own delay.
template <class Policy> MEMCGPP_INLINE unsigned int run_get_high_delay_ms(unsigned long long* ctx) {
  static_assert(has_get_high_delay_ms<Policy>,
                "the policy has no hook `memcgpp::throttle_verdict get_high_delay_ms("
                "memcgpp::throttle_context&)`");
  throttle_context context(memcg_argument(ctx));
  Policy policy;
  throttle_verdict verdict;
  [[clang::always_inline]] verdict = policy.get_high_delay_ms(context);
  return throttle_bound_ms(verdict);
}

// handle_cgroup_online and handle_cgroup_offline(struct mem_cgroup *memcg).
// Hook is the policy's own.
template <class Policy, void (Policy::*Hook)(lifecycle_context&)>
MEMCGPP_INLINE void run_lifecycle(unsigned long long* ctx) {
  lifecycle_context context(memcg_argument(ctx));
  Policy policy;
  [[clang::always_inline]] (policy.*Hook)(context);
}

template <class Policy> MEMCGPP_INLINE void run_handle_cgroup_online(unsigned long long* ctx) {
  static_assert(has_handle_cgroup_online<Policy>,
                "the policy has no hook `void handle_cgroup_online(memcgpp::lifecycle_context&)`");
  run_lifecycle<Policy, &Policy::handle_cgroup_online>(ctx);
}

template <class Policy> MEMCGPP_INLINE void run_handle_cgroup_offline(unsigned long long* ctx) {
  static_assert(has_handle_cgroup_offline<Policy>,
                "the policy has no hook `void handle_cgroup_offline(memcgpp::lifecycle_context&)`");
  run_lifecycle<Policy, &Policy::handle_cgroup_offline>(ctx);
}

} // namespace memcgpp::bpf
