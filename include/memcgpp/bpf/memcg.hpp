// The BPF backend's memcg: a view of kernel memory, read through CO-RE
// relocations and the memcg kfuncs, and owned_memcg, a reference on a memcg
// that the policy holds and releases.
#pragma once

#include <cstdint>

#include "../gfp.hpp"
#include "../memcg_stats.hpp"
#include "helpers.hpp"
#include "kernel.hpp"
#include "kfuncs.hpp"

namespace memcgpp {

// A name the kernel owns (a cgroup's, say). Print it with %s; copy it into
// a buffer to look at its bytes.
class kernel_string {
public:
  constexpr explicit kernel_string(const char* text) : text_(text) {}
  const char* data() const { return text_; }

  // Copies at most N - 1 bytes and a terminator; returns the length copied.
  template <unsigned N> MEMCGPP_INLINE long copy_to(char (&buffer)[N]) const {
    const long n = bpf::probe_read_kernel_str(buffer, N, text_);
    return n > 0 ? n - 1 : 0;
  }

private:
  const char* text_;
};

class owned_memcg;

namespace detail {

// memcg_page_state() counts in the item's own unit; memory.stat shows bytes.
MEMCGPP_INLINE std::uint64_t scale_counter(std::uint64_t value, std::uint64_t unit) {
  return value == not_counted ? value : value * unit;
}

MEMCGPP_INLINE kernel::memcg_memory_event kernel_memory_event(memory_event event) {
  using kernel::memcg_memory_event;
  switch (event) {
  case memory_event::low: return MEMCGPP_CORE_ENUM(memcg_memory_event, kernel::MEMCG_LOW);
  case memory_event::high: return MEMCGPP_CORE_ENUM(memcg_memory_event, kernel::MEMCG_HIGH);
  case memory_event::max: return MEMCGPP_CORE_ENUM(memcg_memory_event, kernel::MEMCG_MAX);
  case memory_event::oom: return MEMCGPP_CORE_ENUM(memcg_memory_event, kernel::MEMCG_OOM);
  case memory_event::oom_kill: return MEMCGPP_CORE_ENUM(memcg_memory_event, kernel::MEMCG_OOM_KILL);
  case memory_event::oom_group_kill:
    return MEMCGPP_CORE_ENUM(memcg_memory_event, kernel::MEMCG_OOM_GROUP_KILL);
  case memory_event::swap_high: return MEMCGPP_CORE_ENUM(memcg_memory_event, kernel::MEMCG_SWAP_HIGH);
  case memory_event::swap_max: return MEMCGPP_CORE_ENUM(memcg_memory_event, kernel::MEMCG_SWAP_MAX);
  case memory_event::swap_fail: return MEMCGPP_CORE_ENUM(memcg_memory_event, kernel::MEMCG_SWAP_FAIL);
  }
  __builtin_unreachable();
}

MEMCGPP_INLINE kernel::vm_event_item kernel_vm_event(vm_event event) {
  using kernel::vm_event_item;
  switch (event) {
  case vm_event::pgfault: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGFAULT);
  case vm_event::pgmajfault: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGMAJFAULT);
  case vm_event::pgrefill: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGREFILL);
  case vm_event::pgscan_kswapd: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGSCAN_KSWAPD);
  case vm_event::pgscan_direct: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGSCAN_DIRECT);
  case vm_event::pgscan_khugepaged: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGSCAN_KHUGEPAGED);
  case vm_event::pgsteal_kswapd: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGSTEAL_KSWAPD);
  case vm_event::pgsteal_direct: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGSTEAL_DIRECT);
  case vm_event::pgsteal_khugepaged: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGSTEAL_KHUGEPAGED);
  case vm_event::pgactivate: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGACTIVATE);
  case vm_event::pgdeactivate: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGDEACTIVATE);
  case vm_event::pglazyfree: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGLAZYFREE);
  case vm_event::pglazyfreed: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::PGLAZYFREED);
  case vm_event::zswpin: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::ZSWPIN);
  case vm_event::zswpout: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::ZSWPOUT);
  case vm_event::zswpwb: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::ZSWPWB);
  case vm_event::thp_fault_alloc: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::THP_FAULT_ALLOC);
  case vm_event::thp_collapse_alloc: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::THP_COLLAPSE_ALLOC);
  case vm_event::thp_swpout: return MEMCGPP_CORE_ENUM(vm_event_item, kernel::THP_SWPOUT);
  case vm_event::thp_swpout_fallback:
    return MEMCGPP_CORE_ENUM(vm_event_item, kernel::THP_SWPOUT_FALLBACK);
  }
  __builtin_unreachable();
}

// A memory.stat item's kernel index and the bytes (or events) in one unit
// of its counter.
struct kernel_stat {
  int index;
  std::uint64_t unit;
};

MEMCGPP_INLINE kernel_stat kernel_memory_stat(memory_stat item) {
  using kernel::memcg_stat_item;
  using kernel::node_stat_item;
#define MEMCGPP_NODE_STAT(name, unit) kernel_stat{MEMCGPP_CORE_ENUM(node_stat_item, kernel::name), unit}
#define MEMCGPP_MEMCG_STAT(name, unit) kernel_stat{MEMCGPP_CORE_ENUM(memcg_stat_item, kernel::name), unit}
  switch (item) {
  case memory_stat::anon: return MEMCGPP_NODE_STAT(NR_ANON_MAPPED, page_size);
  case memory_stat::file: return MEMCGPP_NODE_STAT(NR_FILE_PAGES, page_size);
  case memory_stat::kernel: return MEMCGPP_MEMCG_STAT(MEMCG_KMEM, page_size);
  case memory_stat::kernel_stack: return MEMCGPP_NODE_STAT(NR_KERNEL_STACK_KB, 1024);
  case memory_stat::pagetables: return MEMCGPP_NODE_STAT(NR_PAGETABLE, page_size);
  case memory_stat::sec_pagetables: return MEMCGPP_NODE_STAT(NR_SECONDARY_PAGETABLE, page_size);
  case memory_stat::percpu: return MEMCGPP_MEMCG_STAT(MEMCG_PERCPU_B, 1);
  case memory_stat::sock: return MEMCGPP_MEMCG_STAT(MEMCG_SOCK, page_size);
  case memory_stat::vmalloc: return MEMCGPP_MEMCG_STAT(MEMCG_VMALLOC, page_size);
  case memory_stat::shmem: return MEMCGPP_NODE_STAT(NR_SHMEM, page_size);
  case memory_stat::zswap: return MEMCGPP_MEMCG_STAT(MEMCG_ZSWAP_B, 1);
  case memory_stat::zswapped: return MEMCGPP_MEMCG_STAT(MEMCG_ZSWAPPED, page_size);
  case memory_stat::file_mapped: return MEMCGPP_NODE_STAT(NR_FILE_MAPPED, page_size);
  case memory_stat::file_dirty: return MEMCGPP_NODE_STAT(NR_FILE_DIRTY, page_size);
  case memory_stat::file_writeback: return MEMCGPP_NODE_STAT(NR_WRITEBACK, page_size);
  case memory_stat::swapcached: return MEMCGPP_NODE_STAT(NR_SWAPCACHE, page_size);
  case memory_stat::anon_thp: return MEMCGPP_NODE_STAT(NR_ANON_THPS, page_size);
  case memory_stat::file_thp: return MEMCGPP_NODE_STAT(NR_FILE_THPS, page_size);
  case memory_stat::shmem_thp: return MEMCGPP_NODE_STAT(NR_SHMEM_THPS, page_size);
  case memory_stat::inactive_anon: return MEMCGPP_NODE_STAT(NR_INACTIVE_ANON, page_size);
  case memory_stat::active_anon: return MEMCGPP_NODE_STAT(NR_ACTIVE_ANON, page_size);
  case memory_stat::inactive_file: return MEMCGPP_NODE_STAT(NR_INACTIVE_FILE, page_size);
  case memory_stat::active_file: return MEMCGPP_NODE_STAT(NR_ACTIVE_FILE, page_size);
  case memory_stat::unevictable: return MEMCGPP_NODE_STAT(NR_UNEVICTABLE, page_size);
  case memory_stat::slab_reclaimable: return MEMCGPP_NODE_STAT(NR_SLAB_RECLAIMABLE_B, 1);
  case memory_stat::slab_unreclaimable: return MEMCGPP_NODE_STAT(NR_SLAB_UNRECLAIMABLE_B, 1);
  case memory_stat::workingset_refault_anon: return MEMCGPP_NODE_STAT(WORKINGSET_REFAULT_ANON, 1);
  case memory_stat::workingset_refault_file: return MEMCGPP_NODE_STAT(WORKINGSET_REFAULT_FILE, 1);
  case memory_stat::workingset_activate_anon: return MEMCGPP_NODE_STAT(WORKINGSET_ACTIVATE_ANON, 1);
  case memory_stat::workingset_activate_file: return MEMCGPP_NODE_STAT(WORKINGSET_ACTIVATE_FILE, 1);
  case memory_stat::workingset_restore_anon: return MEMCGPP_NODE_STAT(WORKINGSET_RESTORE_ANON, 1);
  case memory_stat::workingset_restore_file: return MEMCGPP_NODE_STAT(WORKINGSET_RESTORE_FILE, 1);
  case memory_stat::workingset_nodereclaim: return MEMCGPP_NODE_STAT(WORKINGSET_NODERECLAIM, 1);
  }
#undef MEMCGPP_NODE_STAT
#undef MEMCGPP_MEMCG_STAT
  __builtin_unreachable();
}

} // namespace detail

// A memory cgroup, as the kernel sees it.
//
// The *_pages() readers load the page counters directly, on any memcg_ops
// kernel. The others call the memcg kfuncs, which a kernel must have for the
// policy to load; pass them constants, so that each item becomes one
// relocation against the kernel's enums.
class memcg {
public:
  MEMCGPP_INLINE explicit memcg(const kernel::mem_cgroup* raw) : raw_(raw) {}

  // The cgroup's id: the inode number of its directory in cgroupfs.
  MEMCGPP_INLINE std::uint64_t id() const { return MEMCGPP_CORE_READ(raw_, css.cgroup->kn->id); }
  MEMCGPP_INLINE kernel_string name() const {
    return kernel_string(MEMCGPP_CORE_READ(raw_, css.cgroup->kn->name));
  }
  MEMCGPP_INLINE std::uint64_t usage_pages() const {
    return static_cast<std::uint64_t>(MEMCGPP_CORE_READ(raw_, memory.usage.counter));
  }
  MEMCGPP_INLINE std::uint64_t max_pages() const { return MEMCGPP_CORE_READ(raw_, memory.max); }
  MEMCGPP_INLINE std::uint64_t high_pages() const { return MEMCGPP_CORE_READ(raw_, memory.high); }
  MEMCGPP_INLINE std::uint64_t low_pages() const { return MEMCGPP_CORE_READ(raw_, memory.low); }
  MEMCGPP_INLINE std::uint64_t min_pages() const { return MEMCGPP_CORE_READ(raw_, memory.min); }

  // memory.current, and the limits, in bytes; unlimited_bytes for "max".
  MEMCGPP_INLINE std::uint64_t usage_bytes() const { return kernel::bpf_mem_cgroup_usage(mutable_raw()); }
  MEMCGPP_INLINE std::uint64_t max_bytes() const { return kernel::bpf_mem_cgroup_max(mutable_raw()); }
  MEMCGPP_INLINE std::uint64_t high_bytes() const { return kernel::bpf_mem_cgroup_high(mutable_raw()); }
  MEMCGPP_INLINE std::uint64_t low_bytes() const { return kernel::bpf_mem_cgroup_low(mutable_raw()); }
  MEMCGPP_INLINE std::uint64_t min_bytes() const { return kernel::bpf_mem_cgroup_min(mutable_raw()); }

  // A counter of memory.events, a vm event count, or a memory.stat item;
  // not_counted when the kernel does not count it.
  MEMCGPP_INLINE std::uint64_t memory_events(memory_event event) const {
    return kernel::bpf_mem_cgroup_memory_events(mutable_raw(), detail::kernel_memory_event(event));
  }
  MEMCGPP_INLINE std::uint64_t vm_events(vm_event event) const {
    return kernel::bpf_mem_cgroup_vm_events(mutable_raw(), detail::kernel_vm_event(event));
  }
  MEMCGPP_INLINE std::uint64_t stat(memory_stat item) const {
    const detail::kernel_stat kernel_item = detail::kernel_memory_stat(item);
    return detail::scale_counter(kernel::bpf_mem_cgroup_page_state(mutable_raw(), kernel_item.index),
                                 kernel_item.unit);
  }

  // The parent cgroup, held until the handle goes; empty for the root.
  MEMCGPP_INLINE owned_memcg parent() const;
  // This cgroup, held until the handle goes: to keep walking ancestors from
  // here with one kind of handle. Empty if the cgroup is being freed.
  MEMCGPP_INLINE owned_memcg acquire() const;

  MEMCGPP_INLINE const kernel::mem_cgroup* raw() const { return raw_; }

private:
  // The kfuncs take the memcg as their own: they do not write through it.
  MEMCGPP_INLINE kernel::mem_cgroup* mutable_raw() const { return const_cast<kernel::mem_cgroup*>(raw_); }

  const kernel::mem_cgroup* raw_;
};

// A reference on a memcg, which the kernel keeps alive until the handle
// goes out of scope and releases it (bpf_put_mem_cgroup). It may be empty:
// check it before use, as an optional_memcg. It moves and cannot be copied,
// so the verifier sees each reference released exactly once.
class owned_memcg {
public:
  MEMCGPP_INLINE owned_memcg() : value_(nullptr) {}
  // Adopts a reference that a kfunc returned, or null.
  MEMCGPP_INLINE explicit owned_memcg(kernel::mem_cgroup* raw) : value_(raw) {}
  owned_memcg(const owned_memcg&) = delete;
  owned_memcg& operator=(const owned_memcg&) = delete;
  MEMCGPP_INLINE owned_memcg(owned_memcg&& other) : value_(other.release()) {}
  MEMCGPP_INLINE owned_memcg& operator=(owned_memcg&& other) {
    reset(other.release());
    return *this;
  }
  MEMCGPP_INLINE ~owned_memcg() { reset(nullptr); }

  MEMCGPP_INLINE explicit operator bool() const { return value_.raw() != nullptr; }
  MEMCGPP_INLINE bool has_value() const { return value_.raw() != nullptr; }
  MEMCGPP_INLINE const memcgpp::memcg& operator*() const { return value_; }
  MEMCGPP_INLINE const memcgpp::memcg* operator->() const { return &value_; }

private:
  MEMCGPP_INLINE kernel::mem_cgroup* release() {
    auto* raw = const_cast<kernel::mem_cgroup*>(value_.raw());
    value_ = memcgpp::memcg(nullptr);
    return raw;
  }
  MEMCGPP_INLINE void reset(kernel::mem_cgroup* raw) {
    if (auto* old = const_cast<kernel::mem_cgroup*>(value_.raw()))
      kernel::bpf_put_mem_cgroup(old);
    value_ = memcgpp::memcg(raw);
  }

  memcgpp::memcg value_;
};

MEMCGPP_INLINE owned_memcg memcg::parent() const {
  return owned_memcg(kernel::bpf_get_parent_mem_cgroup(mutable_raw()));
}

MEMCGPP_INLINE owned_memcg memcg::acquire() const {
  return owned_memcg(kernel::bpf_get_mem_cgroup(MEMCGPP_CORE_ADDR(mutable_raw(), css)));
}

// The root cgroup, held until the handle goes; empty only if the memory
// controller is disabled.
MEMCGPP_INLINE owned_memcg root_memcg() { return owned_memcg(kernel::bpf_get_root_mem_cgroup()); }

} // namespace memcgpp
