// expect: a ring buffer event must be a standard-layout, trivially copyable type
#include <memcgpp/ring_buffer.hpp>
struct event {
  virtual ~event();
};
memcgpp::ring_buffer<event> bad;
