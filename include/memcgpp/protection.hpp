// The protection hooks, below_low and below_min: reclaim asks whether a
// memcg is protected by memory.low (or memory.min) before it reclaims from
// it. The kernel's answer is "its effective protection covers its usage";
// a policy may protect the memcg now instead, or leave the kernel's answer.
#pragma once

#include <cstdint>

#include "config.hpp"
#include "memcg.hpp"

namespace memcgpp {

// What below_low and below_min see.
class protection_context {
public:
  MEMCGPP_INLINE protection_context(memcgpp::memcg memcg, std::uint64_t protection_pages,
                                    std::uint64_t usage_pages)
      : memcg_(memcg), protection_pages_(protection_pages), usage_pages_(usage_pages) {}

  // The cgroup reclaim is about to scan.
  MEMCGPP_INLINE memcgpp::memcg memcg() const { return memcg_; }
  // Its effective protection, in pages: memory.low (or memory.min) as the
  // kernel distributed it down the tree (elow or emin).
  MEMCGPP_INLINE std::uint64_t protection_pages() const { return protection_pages_; }
  // Its usage, in pages, as the kernel compares it.
  MEMCGPP_INLINE std::uint64_t usage_pages() const { return usage_pages_; }
  // The kernel's own answer: the protection covers the usage.
  MEMCGPP_INLINE bool protected_by_default() const { return protection_pages_ >= usage_pages_; }

private:
  memcgpp::memcg memcg_;
  std::uint64_t protection_pages_;
  std::uint64_t usage_pages_;
};

// What a protection hook answers. A scalar, as BPF functions return one.
enum class protection_verdict : std::uint8_t {
  keep_default = 0, // the kernel decides: protected if protection_pages() >= usage_pages()
  protect = 1,      // protected now, whatever the kernel would say
};

// Leave the answer to the kernel.
inline constexpr protection_verdict keep_default_protection = protection_verdict::keep_default;
// Treat the memcg as protected: reclaim passes it over (for memory.low,
// until reclaim finds nothing else and retries without low protection).
inline constexpr protection_verdict protect = protection_verdict::protect;

// Whether reclaim treats the memcg as protected after the verdict.
constexpr bool is_protected(protection_verdict verdict, std::uint64_t protection_pages,
                            std::uint64_t usage_pages) {
  return verdict == protect || protection_pages >= usage_pages;
}
MEMCGPP_INLINE bool is_protected(protection_verdict verdict, const protection_context& c) {
  return is_protected(verdict, c.protection_pages(), c.usage_pages());
}

} // namespace memcgpp
