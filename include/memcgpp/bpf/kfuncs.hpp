// The memcg kfuncs of the memcg_ops kernel (mm/bpf_memcontrol.c), declared
// as libbpf's __ksym externs: clang emits each call as `call` to an extern
// function in .ksyms, with its BTF prototype, and libbpf resolves it against
// the kernel's BTF at load time. A kernel without them fails the load of a
// policy that calls one, and only such a policy.
//
// Memcg pointers that a kfunc returns are references: each must be released
// with bpf_put_mem_cgroup(), and may be null. memcgpp::owned_memcg does both.
#pragma once

#include <cstdint>

#include "../config.hpp"
#include "kernel.hpp"

namespace memcgpp::kernel {

extern "C" {
// Each returns a reference (KF_ACQUIRE | KF_RET_NULL), which
// bpf_put_mem_cgroup (KF_RELEASE) releases. bpf_get_mem_cgroup takes a css
// of any controller (KF_RCU); bpf_get_parent_mem_cgroup gives null for the
// root; bpf_get_over_limit_mem_cgroup gives tcm->mem_over_limit, or null.
[[gnu::section(".ksyms")]] mem_cgroup* bpf_get_root_mem_cgroup();
[[gnu::section(".ksyms")]] mem_cgroup* bpf_get_mem_cgroup(cgroup_subsys_state* css);
[[gnu::section(".ksyms")]] mem_cgroup* bpf_get_parent_mem_cgroup(mem_cgroup* memcg);
[[gnu::section(".ksyms")]] mem_cgroup* bpf_get_over_limit_mem_cgroup(try_charge_memcg* tcm);
[[gnu::section(".ksyms")]] void bpf_put_mem_cgroup(mem_cgroup* memcg);

// Readers (KF_TRUSTED_ARGS): sizes in bytes, U64_MAX for "max" or for an
// item memcgs do not count. page_state's idx is an enum node_stat_item or
// memcg_stat_item, and its value is in the item's own unit.
[[gnu::section(".ksyms")]] std::uint64_t bpf_mem_cgroup_usage(mem_cgroup* memcg);
[[gnu::section(".ksyms")]] std::uint64_t bpf_mem_cgroup_max(mem_cgroup* memcg);
[[gnu::section(".ksyms")]] std::uint64_t bpf_mem_cgroup_high(mem_cgroup* memcg);
[[gnu::section(".ksyms")]] std::uint64_t bpf_mem_cgroup_low(mem_cgroup* memcg);
[[gnu::section(".ksyms")]] std::uint64_t bpf_mem_cgroup_min(mem_cgroup* memcg);
[[gnu::section(".ksyms")]] std::uint64_t bpf_mem_cgroup_memory_events(mem_cgroup* memcg,
                                                                      memcg_memory_event event);
[[gnu::section(".ksyms")]] std::uint64_t bpf_mem_cgroup_vm_events(mem_cgroup* memcg,
                                                                  vm_event_item event);
[[gnu::section(".ksyms")]] std::uint64_t bpf_mem_cgroup_page_state(mem_cgroup* memcg, int idx);
}

} // namespace memcgpp::kernel
