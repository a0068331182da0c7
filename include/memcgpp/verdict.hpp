// What the charge hook tells the kernel: keep its own reclaim size, or use
// another. The kernel's convention (return nonzero and write nr_pages, only
// while the charge has failed, and only up to a huge page) is applied by the
// SDK, never by the policy.
#pragma once

#include <cstdint>

#include "config.hpp"

namespace memcgpp {

// Pages in a PMD-sized huge page on x86-64: the largest reclaim target the
// kernel takes from a policy.
inline constexpr std::uint64_t huge_page_pages = 512;

// A verdict is a scalar, since BPF functions cannot return aggregates: its
// value is the chosen reclaim size, 0 for the kernel's choice.
enum class charge_verdict : std::uint64_t {};

// Leave the reclaim size to the kernel.
inline constexpr charge_verdict keep_default{0};

// Reclaim this many pages when the charge has failed. The kernel takes
// 1..huge_page_pages; larger values are clamped to huge_page_pages, and 0
// keeps the kernel's choice.
constexpr charge_verdict reclaim_pages(std::uint64_t pages) {
  return charge_verdict{pages > huge_page_pages ? huge_page_pages : pages};
}

// The reclaim size a verdict chose; 0 when it left the choice to the kernel.
constexpr std::uint64_t reclaim_target(charge_verdict verdict) {
  return static_cast<std::uint64_t>(verdict);
}

// The size the kernel reclaims for a charge of nr_pages that hit a limit.
constexpr std::uint64_t effective_reclaim(charge_verdict verdict, std::uint64_t nr_pages) {
  const std::uint64_t pages = reclaim_target(verdict);
  return pages != 0 && pages <= huge_page_pages ? pages : nr_pages;
}

} // namespace memcgpp
