// What a memcg counts, as its cgroup files show it: the counters of
// memory.events, the vm events and the items of memory.stat. memcg's
// memory_events(), vm_events() and stat() read them.
#pragma once

#include <cstdint>

#include "config.hpp"

namespace memcgpp {

// Bytes in a page on x86-64, the unit of the page counters.
inline constexpr std::uint64_t page_size = 4096;

// What a limit in bytes reads as when it is "max" (memcg's max_bytes() and
// the others).
inline constexpr std::uint64_t unlimited_bytes = ~std::uint64_t{0};

// What a counter reads as when the kernel keeps it, but not per memcg. (An
// item the kernel was built without, such as the THP ones without
// CONFIG_TRANSPARENT_HUGEPAGE, fails the policy's load instead: its value is
// a CO-RE relocation.)
inline constexpr std::uint64_t not_counted = ~std::uint64_t{0};

// A counter of memory.events (enum memcg_memory_event). Each counts the
// events of the memcg's whole subtree, as memory.events does.
enum class memory_event : std::uint8_t {
  low,            // reclaimed despite memory.low
  high,           // throttled or reclaimed over memory.high
  max,            // a charge hit memory.max
  oom,            // the memcg ran out of memory
  oom_kill,       // a process of it was OOM-killed
  oom_group_kill, // the whole group was OOM-killed
  swap_high,      // over memory.swap.high
  swap_max,       // a swap charge hit memory.swap.max
  swap_fail,      // a swap charge failed
};

// A vm event that memcgs count (enum vm_event_item), as memory.stat shows
// it: a count of events, for the memcg's subtree.
enum class vm_event : std::uint8_t {
  pgfault,
  pgmajfault,
  pgrefill,
  pgscan_kswapd,
  pgscan_direct,
  pgscan_khugepaged,
  pgsteal_kswapd,
  pgsteal_direct,
  pgsteal_khugepaged,
  pgactivate,
  pgdeactivate,
  pglazyfree,
  pglazyfreed,
  zswpin,             // CONFIG_ZSWAP only
  zswpout,            // CONFIG_ZSWAP only
  zswpwb,             // CONFIG_ZSWAP only
  thp_fault_alloc,    // CONFIG_TRANSPARENT_HUGEPAGE only
  thp_collapse_alloc, // CONFIG_TRANSPARENT_HUGEPAGE only
  thp_swpout,         // CONFIG_TRANSPARENT_HUGEPAGE only
  thp_swpout_fallback // CONFIG_TRANSPARENT_HUGEPAGE only
};

// An item of memory.stat, named as there, read in memory.stat's unit:
// bytes for sizes, a count for the workingset_* events. Each covers the
// memcg's subtree.
enum class memory_stat : std::uint8_t {
  anon,
  file,
  kernel,
  kernel_stack,
  pagetables,
  sec_pagetables,
  percpu,
  sock,
  vmalloc,
  shmem,
  zswap,    // CONFIG_ZSWAP only
  zswapped, // CONFIG_ZSWAP only
  file_mapped,
  file_dirty,
  file_writeback,
  swapcached, // CONFIG_SWAP only
  anon_thp,   // CONFIG_TRANSPARENT_HUGEPAGE only
  file_thp,   // CONFIG_TRANSPARENT_HUGEPAGE only
  shmem_thp,  // CONFIG_TRANSPARENT_HUGEPAGE only
  inactive_anon,
  active_anon,
  inactive_file,
  active_file,
  unevictable,
  slab_reclaimable,
  slab_unreclaimable,
  workingset_refault_anon,
  workingset_refault_file,
  workingset_activate_anon,
  workingset_activate_file,
  workingset_restore_anon,
  workingset_restore_file,
  workingset_nodereclaim,
};

} // namespace memcgpp
