// Time, CPU and random numbers for policies.
#pragma once

#include <cstdint>

#include "config.hpp"

#if MEMCGPP_BPF
#include "bpf/helpers.hpp"
#else
#include "host/environment.hpp"
#endif

namespace memcgpp {

#if MEMCGPP_BPF
// Nanoseconds since boot (CLOCK_MONOTONIC).
MEMCGPP_INLINE std::uint64_t ktime_ns() { return bpf::ktime_get_ns(); }
// The CPU the hook runs on.
MEMCGPP_INLINE std::uint32_t cpu_id() { return bpf::get_smp_processor_id(); }
// A pseudo-random number, not for cryptography.
MEMCGPP_INLINE std::uint32_t random_u32() { return bpf::get_prandom_u32(); }
#else
inline std::uint64_t ktime_ns() { return host::env().now_ns; }
inline std::uint32_t cpu_id() { return host::env().cpu; }
inline std::uint32_t random_u32() {
  // splitmix64: deterministic, so host tests are repeatable.
  std::uint64_t z = (host::env().random_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return static_cast<std::uint32_t>((z ^ (z >> 31)) >> 32);
}
#endif

// Iterates 0 .. min(count, Max) - 1: a loop the verifier can bound.
//
//   for (std::uint32_t i : memcgpp::bounded_range<64>(n)) { ... }
template <std::uint32_t Max> class bounded_range {
public:
  class iterator {
  public:
    MEMCGPP_INLINE constexpr explicit iterator(std::uint32_t i) : i_(i) {}
    MEMCGPP_INLINE constexpr std::uint32_t operator*() const { return i_; }
    MEMCGPP_INLINE constexpr iterator& operator++() {
      ++i_;
      return *this;
    }
    MEMCGPP_INLINE constexpr bool operator!=(const iterator& other) const { return i_ < other.i_; }

  private:
    std::uint32_t i_;
  };

  MEMCGPP_INLINE constexpr explicit bounded_range(std::uint64_t count)
      : end_(count < Max ? static_cast<std::uint32_t>(count) : Max) {}
  MEMCGPP_INLINE constexpr iterator begin() const { return iterator(0); }
  MEMCGPP_INLINE constexpr iterator end() const { return iterator(end_); }

private:
  std::uint32_t end_;
};

} // namespace memcgpp
