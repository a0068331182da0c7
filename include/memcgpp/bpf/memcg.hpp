// The BPF backend's memcg: a view of kernel memory, read through CO-RE
// relocations.
#pragma once

#include <cstdint>

#include "../gfp.hpp"
#include "helpers.hpp"
#include "kernel.hpp"

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

// A memory cgroup, as the kernel sees it. Page counts are in pages.
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

  MEMCGPP_INLINE const kernel::mem_cgroup* raw() const { return raw_; }

private:
  const kernel::mem_cgroup* raw_;
};

} // namespace memcgpp
