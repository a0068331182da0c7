// Events from a policy's ring buffer, delivered to a callback. poll() waits
// for them; fd() lets an event loop (epoll, say) wait instead.
#pragma once

#include <cstring>
#include <functional>
#include <memory>
#include <span>
#include <type_traits>

#include "maps.hpp"
#include "result.hpp"

struct ring_buffer;

namespace memcgpp {

class event_stream {
public:
  using handler = std::function<void(std::span<const unsigned char>)>;

  static result<event_stream> open(const map_view& ring, handler on_event);
  // Typed: each record is one Event, as the policy emitted it.
  template <class Event, class F> static result<event_stream> open_typed(const map_view& ring, F on_event) {
    static_assert(std::is_trivially_copyable_v<Event>);
    return open(ring, [on_event = std::move(on_event)](std::span<const unsigned char> bytes) {
      Event event{};
      std::memcpy(&event, bytes.data(), bytes.size() < sizeof(Event) ? bytes.size() : sizeof(Event));
      on_event(event);
    });
  }

  event_stream(event_stream&&) noexcept;
  event_stream& operator=(event_stream&&) noexcept;
  ~event_stream();

  // Delivers what has arrived, waiting up to timeout_ms; returns the count.
  result<int> poll(int timeout_ms);
  // Readable when events are waiting.
  int fd() const;

private:
  event_stream() = default;
  ::ring_buffer* ring_ = nullptr;
  std::unique_ptr<handler> handler_; // a stable address for libbpf's callback
};

} // namespace memcgpp
