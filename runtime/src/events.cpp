#include "memcgpp/runtime/events.hpp"

#include <bpf/libbpf.h>
#include <fmt/format.h>

#include <cerrno>

#include "system_error.hpp"

namespace memcgpp {
namespace {

int deliver(void* context, void* data, std::size_t size) {
  (*static_cast<event_stream::handler*>(context))(
      std::span<const unsigned char>(static_cast<const unsigned char*>(data), size));
  return 0;
}

} // namespace

result<event_stream> event_stream::open(const map_view& ring, handler on_event) {
  if (!ring.ring_buffer())
    return error(errc::invalid_argument, fmt::format("map {} is not a ring buffer", ring.name()));
  event_stream stream;
  stream.handler_ = std::make_unique<handler>(std::move(on_event));
  stream.ring_ = ring_buffer__new(ring.fd(), deliver, stream.handler_.get(), nullptr);
  if (!stream.ring_)
    return detail::system_error(fmt::format("open ring buffer {}", ring.name()), errno);
  return stream;
}

event_stream::event_stream(event_stream&& other) noexcept
    : ring_(std::exchange(other.ring_, nullptr)), handler_(std::move(other.handler_)) {}

event_stream& event_stream::operator=(event_stream&& other) noexcept {
  if (this != &other) {
    ring_buffer__free(ring_);
    ring_ = std::exchange(other.ring_, nullptr);
    handler_ = std::move(other.handler_);
  }
  return *this;
}

event_stream::~event_stream() { ring_buffer__free(ring_); }

result<int> event_stream::poll(int timeout_ms) {
  const int n = ring_buffer__poll(ring_, timeout_ms);
  if (n < 0 && n != -EINTR)
    return detail::system_error("poll events", -n);
  return n < 0 ? 0 : n;
}

int event_stream::fd() const { return ring_buffer__epoll_fd(ring_); }

} // namespace memcgpp
