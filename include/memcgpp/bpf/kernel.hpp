// The kernel structures policies read, as C-shaped mirrors of just the
// fields used. Every read goes through MEMCGPP_CORE_READ, which makes clang emit a
// CO-RE relocation, so libbpf fixes each offset up against the running
// kernel's BTF: the mirrors' own layout does not matter, only their names.
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

} // namespace memcgpp::kernel
