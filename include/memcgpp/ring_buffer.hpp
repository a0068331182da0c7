// A ring buffer of typed events to user space.
//
//   struct charge_event { std::uint64_t cgroup; std::uint64_t pages; };
//   memcgpp::ring_buffer<charge_event> events;
//   events.emit({c.memcg().id(), c.nr_pages()});
#pragma once

#include <cstdint>

#include "config.hpp"
#include "traits.hpp"

#if MEMCGPP_BPF
#include "bpf/helpers.hpp"
#else
#include <utility>
#include <vector>
#endif

namespace memcgpp {

// Bytes is the buffer's size: a power of two, at least a 4 KiB page.
template <class Event, std::uint32_t Bytes = 64 * 1024, auto Def = nullptr> class ring_buffer {
  MEMCGPP_REQUIRE_PLAIN_DATA(Event, "a ring buffer event");
  static_assert(Bytes >= 4096 && (Bytes & (Bytes - 1)) == 0,
                "a ring buffer's size is a power of two of at least one 4 KiB page");
  static_assert(sizeof(Event) + 8 <= Bytes, "an event must fit in the ring buffer");

public:
  using event_type = Event;
  static constexpr std::uint32_t size_bytes = Bytes;

  // Whether the event was queued; false when user space lags and it is full.
#if MEMCGPP_BPF
  MEMCGPP_INLINE bool emit(const Event& event) const {
    static_assert(detail::bound_or_analysed<Def>, "this ring buffer is not bound: compile the policy with "
                                  "memcgpp-compile, which defines it");
    return bpf::ringbuf_output(Def, &event, sizeof(Event), 0) == 0;
  }
#else
  bool emit(const Event& event) const {
    // Each record takes an 8-byte header and is padded to 8 bytes.
    const std::uint64_t record = 8 + ((sizeof(Event) + 7) & ~std::uint64_t{7});
    if ((queued_.size() + 1) * record > Bytes)
      return false;
    queued_.push_back(event);
    return true;
  }

  // For tests: the events not yet consumed, oldest first; consume takes them.
  const std::vector<Event>& events() const { return queued_; }
  std::vector<Event> consume() const { return std::exchange(queued_, {}); }

private:
  mutable std::vector<Event> queued_;
#endif
};

} // namespace memcgpp
