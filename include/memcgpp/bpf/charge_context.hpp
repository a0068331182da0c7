// The BPF backend's charge context: a view of struct try_charge_memcg.
#pragma once

#include <cstdint>

#include "../gfp.hpp"
#include "../optional_memcg.hpp"
#include "kernel.hpp"
#include "memcg.hpp"

namespace memcgpp {

// The context of the charge hook (struct try_charge_memcg).
class charge_context {
public:
  MEMCGPP_INLINE explicit charge_context(kernel::try_charge_memcg* raw) : raw_(raw) {}

  // The cgroup being charged.
  MEMCGPP_INLINE memcgpp::memcg memcg() const { return memcgpp::memcg(MEMCGPP_CORE_READ(raw_, memcg)); }
  MEMCGPP_INLINE gfp_flags gfp() const { return gfp_flags(MEMCGPP_CORE_READ(raw_, gfp_mask)); }
  // Pages being charged.
  MEMCGPP_INLINE std::uint64_t nr_pages() const { return MEMCGPP_CORE_READ(raw_, nr_pages); }
  MEMCGPP_INLINE reclaim_options reclaim() const {
    return reclaim_options(MEMCGPP_CORE_READ(raw_, reclaim_options));
  }
  // Whether the page counters took the charge; if not, reclaim follows.
  MEMCGPP_INLINE bool charge_done() const { return MEMCGPP_CORE_READ(raw_, charge_done); }

  // The cgroup whose limit the charge hit: none when the charge succeeded.
  // Its id, name and *_pages() readers work on any kernel; the kernel does
  // not trust this pointer, so the state readers (usage_bytes() and the
  // like) need acquire_over_limit().
  MEMCGPP_INLINE optional_memcg over_limit() const {
    return optional_memcg(memcgpp::memcg(MEMCGPP_CORE_READ(raw_, mem_over_limit)));
  }
  // The same cgroup, held, for every reader; empty when the charge succeeded.
  MEMCGPP_INLINE owned_memcg acquire_over_limit() const {
    return owned_memcg(kernel::bpf_get_over_limit_mem_cgroup(raw_));
  }

  MEMCGPP_INLINE kernel::try_charge_memcg* raw() const { return raw_; }

private:
  kernel::try_charge_memcg* raw_;
};

} // namespace memcgpp
