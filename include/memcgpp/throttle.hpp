// The throttle hook, get_high_delay_ms: a task of a memcg went over
// memory.high, and the kernel is about to make it sleep on its way back to
// user space. A policy may ask for a longer sleep than the kernel's own,
// which grows with the overage; the kernel sleeps for the longer of the two,
// at most two seconds.
#pragma once

#include <cstdint>

#include "config.hpp"
#include "memcg.hpp"

namespace memcgpp {

// What get_high_delay_ms sees.
class throttle_context {
public:
  MEMCGPP_INLINE explicit throttle_context(memcgpp::memcg memcg) : memcg_(memcg) {}

  // The cgroup of the task (it, or an ancestor, is over memory.high).
  MEMCGPP_INLINE memcgpp::memcg memcg() const { return memcg_; }

private:
  memcgpp::memcg memcg_;
};

// The kernel's ceiling on one throttle sleep (MEMCG_MAX_HIGH_DELAY_JIFFIES).
inline constexpr std::uint32_t max_high_delay_ms = 2000;
// The kernel does not sleep at all for this long or less (HZ / 100).
inline constexpr std::uint32_t min_high_delay_ms = 10;

// A lower bound, in milliseconds, on the throttle sleep; 0 for the kernel's
// own delay. A scalar, as BPF functions return one.
enum class throttle_verdict : std::uint32_t {};

// Sleep as long as the kernel decides.
inline constexpr throttle_verdict keep_default_throttle{0};

// Sleep for at least ms milliseconds. The kernel sleeps at most
// max_high_delay_ms, so larger values are clamped to it.
constexpr throttle_verdict throttle_at_least_ms(std::uint32_t ms) {
  return throttle_verdict{ms > max_high_delay_ms ? max_high_delay_ms : ms};
}

// The lower bound a verdict asks for; 0 when it left the delay to the kernel.
constexpr std::uint32_t throttle_bound_ms(throttle_verdict verdict) {
  return static_cast<std::uint32_t>(verdict);
}

// How long the task sleeps, given the kernel's own delay: the longer of the
// two, at most max_high_delay_ms, and 0 when that is min_high_delay_ms or less.
constexpr std::uint32_t effective_high_delay_ms(throttle_verdict verdict,
                                                std::uint32_t kernel_delay_ms) {
  const std::uint32_t bound = throttle_bound_ms(verdict);
  std::uint32_t delay = bound > kernel_delay_ms ? bound : kernel_delay_ms;
  if (delay > max_high_delay_ms)
    delay = max_high_delay_ms;
  return delay <= min_high_delay_ms ? 0 : delay;
}

} // namespace memcgpp
