// What memcgpp-compile's generated entry points call: each runs one hook of
// a policy on the kernel's context and applies its verdict the way the
// kernel expects.
#pragma once

#include "../charge_context.hpp"
#include "../hooks.hpp"
#include "../verdict.hpp"
#include "kernel.hpp"

namespace memcgpp::bpf {

// The body of the try_charge_memcg struct_ops program. ctx holds the
// program's arguments, as BPF_PROG unpacks them.
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

} // namespace memcgpp::bpf
