// Allocation flags (gfp_t) as a type-safe bit set with named flags.
#pragma once

#include <cstdint>

#include "config.hpp"

namespace memcgpp {

// One allocation flag. The bit numbers are those of Linux 6.12's
// include/linux/gfp_types.h, which the memcg_ops kernel passes through as is.
enum class gfp : std::uint32_t {
  dma = 1u << 0,
  highmem = 1u << 1,
  dma32 = 1u << 2,
  movable = 1u << 3,
  reclaimable = 1u << 4,
  high = 1u << 5,
  io = 1u << 6,
  fs = 1u << 7,
  zero = 1u << 8,
  direct_reclaim = 1u << 10,
  kswapd_reclaim = 1u << 11,
  write = 1u << 12,
  nowarn = 1u << 13,
  retry_mayfail = 1u << 14,
  nofail = 1u << 15,
  noretry = 1u << 16,
  memalloc = 1u << 17,
  comp = 1u << 18,
  nomemalloc = 1u << 19,
  hardwall = 1u << 20,
  thisnode = 1u << 21,
  account = 1u << 22,
};

// A set of allocation flags.
class gfp_flags {
public:
  constexpr gfp_flags() = default;
  constexpr explicit gfp_flags(std::uint32_t bits) : bits_(bits) {}
  constexpr gfp_flags(gfp flag) : bits_(static_cast<std::uint32_t>(flag)) {}

  constexpr bool has(gfp flag) const { return (bits_ & static_cast<std::uint32_t>(flag)) != 0; }
  constexpr bool has_all(gfp_flags flags) const { return (bits_ & flags.bits_) == flags.bits_; }
  // Whether the allocation may sleep to reclaim: what GFP_ATOMIC lacks.
  constexpr bool can_block() const { return has(gfp::direct_reclaim); }
  constexpr std::uint32_t bits() const { return bits_; }

  friend constexpr gfp_flags operator|(gfp_flags a, gfp_flags b) { return gfp_flags(a.bits_ | b.bits_); }
  friend constexpr gfp_flags operator&(gfp_flags a, gfp_flags b) { return gfp_flags(a.bits_ & b.bits_); }
  friend constexpr bool operator==(gfp_flags a, gfp_flags b) { return a.bits_ == b.bits_; }

private:
  std::uint32_t bits_ = 0;
};

constexpr gfp_flags operator|(gfp a, gfp b) { return gfp_flags(a) | gfp_flags(b); }

// The common combinations, as the kernel defines them.
inline constexpr gfp_flags gfp_atomic = gfp::high | gfp::kswapd_reclaim;
inline constexpr gfp_flags gfp_kernel = gfp::direct_reclaim | gfp::kswapd_reclaim | gfp::io | gfp::fs;
inline constexpr gfp_flags gfp_kernel_account = gfp_kernel | gfp::account;
inline constexpr gfp_flags gfp_user = gfp_kernel | gfp::hardwall;
inline constexpr gfp_flags gfp_highuser_movable = gfp_user | gfp::highmem | gfp::movable;

// Flags of the reclaim that follows a failed charge (MEMCG_RECLAIM_*).
class reclaim_options {
public:
  static constexpr std::uint32_t may_swap_bit = 1u << 1;
  static constexpr std::uint32_t proactive_bit = 1u << 2;

  constexpr reclaim_options() = default;
  constexpr explicit reclaim_options(std::uint32_t bits) : bits_(bits) {}
  constexpr bool may_swap() const { return (bits_ & may_swap_bit) != 0; }
  constexpr bool proactive() const { return (bits_ & proactive_bit) != 0; }
  constexpr std::uint32_t bits() const { return bits_; }
  friend constexpr bool operator==(reclaim_options a, reclaim_options b) { return a.bits_ == b.bits_; }

private:
  std::uint32_t bits_ = 0;
};

} // namespace memcgpp
