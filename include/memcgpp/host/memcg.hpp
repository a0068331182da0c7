// The host backend's memcg: a view of a simulated cgroup.
#pragma once

#include <cstdint>
#include <string>

#include "../config.hpp"

namespace memcgpp {

namespace host {
// A simulated memory cgroup. Page counts are in pages.
struct memcg_state {
  // PAGE_COUNTER_MAX: LONG_MAX / PAGE_SIZE, what "max" reads as when unset.
  static constexpr std::uint64_t unlimited = (~std::uint64_t{0} >> 1) / 4096;

  std::string name;
  std::uint64_t id = 0;
  const memcg_state* parent = nullptr;
  std::uint64_t usage_pages = 0;
  std::uint64_t min_pages = 0;
  std::uint64_t low_pages = 0;
  std::uint64_t high_pages = unlimited;
  std::uint64_t max_pages = unlimited;
};
} // namespace host

// A name the kernel owns; on the host, a simulated cgroup's.
class kernel_string {
public:
  explicit kernel_string(const char* text) : text_(text) {}
  const char* data() const { return text_; }

  template <unsigned N> long copy_to(char (&buffer)[N]) const {
    unsigned n = 0;
    for (; n + 1 < N && text_[n] != '\0'; ++n)
      buffer[n] = text_[n];
    buffer[n] = '\0';
    return n;
  }

private:
  const char* text_;
};

class memcg {
public:
  explicit memcg(const host::memcg_state* raw) : raw_(raw) {}

  std::uint64_t id() const { return raw_->id; }
  kernel_string name() const { return kernel_string(raw_->name.c_str()); }
  std::uint64_t usage_pages() const { return raw_->usage_pages; }
  std::uint64_t max_pages() const { return raw_->max_pages; }
  std::uint64_t high_pages() const { return raw_->high_pages; }
  std::uint64_t low_pages() const { return raw_->low_pages; }
  std::uint64_t min_pages() const { return raw_->min_pages; }

  const host::memcg_state* raw() const { return raw_; }

private:
  const host::memcg_state* raw_;
};

} // namespace memcgpp
