// The kernel structures policies read, as C-shaped mirrors of just the
// fields used. Every read goes through MEMCGPP_CORE_READ, which makes clang emit a
// CO-RE relocation, so libbpf fixes each offset up against the running
// kernel's BTF: the mirrors' own layout does not matter, only their names.
// Likewise the kernel's enums: each value is read through MEMCGPP_CORE_ENUM,
// so the mirrors list just the enumerators used, with any values.
#pragma once

#include <cstdint>

#include "../config.hpp"

// clang ignores preserve_access_index on C++ types, so reads are wrapped in
// the builtin instead: each member access inside it becomes a relocation.
// The pointer is copied out first, so that reaching it (this->raw_, say) is
// not mistaken for a kernel access.
#define MEMCGPP_CORE_READ(ptr, ...)                                                                  ({                                                                                                   auto* memcgpp_core_ptr_ = (ptr);                                                                   __builtin_preserve_access_index(memcgpp_core_ptr_->__VA_ARGS__);                                 })
// The address of a kernel field, relocated likewise, for the one write a
// policy may make (try_charge_memcg::nr_pages).
#define MEMCGPP_CORE_ADDR(ptr, ...)                                                                  ({                                                                                                   auto* memcgpp_core_ptr_ = (ptr);                                                                   __builtin_preserve_access_index(&memcgpp_core_ptr_->__VA_ARGS__);                                })

// The running kernel's value of an enumerator, relocated by libbpf (an
// enumval_value CO-RE relocation): enum vm_event_item, for one, depends on
// the kernel's configuration. If the kernel lacks the enumerator, libbpf
// poisons the instruction, and the verifier rejects the program if it can
// reach it. The builtin takes only this C-style form.
#define MEMCGPP_CORE_ENUM(type, enumerator)                                                        \
  static_cast<type>(__builtin_preserve_enum_value(*(type*)enumerator, 1 /* BPF_ENUMVAL_VALUE */))

namespace memcgpp::kernel {

struct kernfs_node {
  const char* name;
  std::uint64_t id;
};

struct cgroup {
  kernfs_node* kn;
};

struct cgroup_subsys_state {
  ::memcgpp::kernel::cgroup* cgroup;
};

struct atomic_long {
  long counter;
};

struct page_counter {
  atomic_long usage;
  unsigned long min;
  unsigned long low;
  unsigned long high;
  unsigned long max;
};

struct mem_cgroup {
  cgroup_subsys_state css;
  page_counter memory;
};

// The memcg_ops context, as the RFC defines it.
struct try_charge_memcg {
  mem_cgroup* memcg;
  unsigned int gfp_mask;
  unsigned long nr_pages;
  mem_cgroup* mem_over_limit;
  unsigned int reclaim_options;
  bool charge_done;
};

// memory.events counters (include/linux/memcontrol.h).
enum memcg_memory_event {
  MEMCG_LOW,
  MEMCG_HIGH,
  MEMCG_MAX,
  MEMCG_OOM,
  MEMCG_OOM_KILL,
  MEMCG_OOM_GROUP_KILL,
  MEMCG_SWAP_HIGH,
  MEMCG_SWAP_MAX,
  MEMCG_SWAP_FAIL,
};

// The vm events that memcgs count (include/linux/vm_event_item.h).
enum vm_event_item {
  PGFAULT,
  PGMAJFAULT,
  PGREFILL,
  PGSCAN_KSWAPD,
  PGSCAN_DIRECT,
  PGSCAN_KHUGEPAGED,
  PGSTEAL_KSWAPD,
  PGSTEAL_DIRECT,
  PGSTEAL_KHUGEPAGED,
  PGACTIVATE,
  PGDEACTIVATE,
  PGLAZYFREE,
  PGLAZYFREED,
  ZSWPIN,
  ZSWPOUT,
  ZSWPWB,
  THP_FAULT_ALLOC,
  THP_COLLAPSE_ALLOC,
  THP_SWPOUT,
  THP_SWPOUT_FALLBACK,
};

// memory.stat items that are node statistics (include/linux/mmzone.h).
enum node_stat_item {
  NR_INACTIVE_ANON,
  NR_ACTIVE_ANON,
  NR_INACTIVE_FILE,
  NR_ACTIVE_FILE,
  NR_UNEVICTABLE,
  NR_SLAB_RECLAIMABLE_B,
  NR_SLAB_UNRECLAIMABLE_B,
  WORKINGSET_REFAULT_ANON,
  WORKINGSET_REFAULT_FILE,
  WORKINGSET_ACTIVATE_ANON,
  WORKINGSET_ACTIVATE_FILE,
  WORKINGSET_RESTORE_ANON,
  WORKINGSET_RESTORE_FILE,
  WORKINGSET_NODERECLAIM,
  NR_ANON_MAPPED,
  NR_FILE_MAPPED,
  NR_FILE_PAGES,
  NR_FILE_DIRTY,
  NR_WRITEBACK,
  NR_SHMEM,
  NR_SHMEM_THPS,
  NR_FILE_THPS,
  NR_ANON_THPS,
  NR_KERNEL_STACK_KB,
  NR_PAGETABLE,
  NR_SECONDARY_PAGETABLE,
  NR_SWAPCACHE,
};

// memory.stat items that only memcgs count (include/linux/memcontrol.h).
enum memcg_stat_item {
  MEMCG_SOCK,
  MEMCG_PERCPU_B,
  MEMCG_VMALLOC,
  MEMCG_KMEM,
  MEMCG_ZSWAP_B,
  MEMCG_ZSWAPPED,
};

} // namespace memcgpp::kernel
