// The host backend's memcg: a view of a simulated cgroup, and owned_memcg,
// a reference on one, which the environment counts.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "../config.hpp"
#include "../memcg_stats.hpp"
#include "environment.hpp"

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
  // The counters of memory.events, the vm events and memory.stat (in its
  // units: bytes, or counts for workingset_*); an absent key reads as 0.
  std::map<memory_event, std::uint64_t> memory_events{};
  std::map<vm_event, std::uint64_t> vm_events{};
  std::map<memory_stat, std::uint64_t> stats{};
  // False once the cgroup went offline (rmdir).
  bool online = true;
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

class owned_memcg;

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

  // As the kfuncs give them: bytes, unlimited_bytes for "max".
  std::uint64_t usage_bytes() const { return raw_->usage_pages * page_size; }
  std::uint64_t max_bytes() const { return bytes(raw_->max_pages); }
  std::uint64_t high_bytes() const { return bytes(raw_->high_pages); }
  std::uint64_t low_bytes() const { return bytes(raw_->low_pages); }
  std::uint64_t min_bytes() const { return bytes(raw_->min_pages); }

  std::uint64_t memory_events(memory_event event) const {
    return count(raw_->memory_events, event);
  }
  std::uint64_t vm_events(vm_event event) const { return count(raw_->vm_events, event); }
  std::uint64_t stat(memory_stat item) const { return count(raw_->stats, item); }

  // The parent cgroup, held until the handle goes; empty for the root.
  owned_memcg parent() const;
  // This cgroup, held until the handle goes.
  owned_memcg acquire() const;

  const host::memcg_state* raw() const { return raw_; }

private:
  static std::uint64_t bytes(std::uint64_t pages) {
    return pages >= host::memcg_state::unlimited ? unlimited_bytes : pages * page_size;
  }
  template <class Key>
  static std::uint64_t count(const std::map<Key, std::uint64_t>& counters, Key key) {
    auto it = counters.find(key);
    return it == counters.end() ? 0 : it->second;
  }

  const host::memcg_state* raw_;
};

// A reference on a simulated cgroup. host::env().memcg_references counts
// those alive, so a test can check that a hook released all it took.
class owned_memcg {
public:
  owned_memcg() : value_(nullptr) {}
  explicit owned_memcg(const host::memcg_state* raw) : value_(raw) {
    if (raw)
      ++host::env().memcg_references;
  }
  owned_memcg(const owned_memcg&) = delete;
  owned_memcg& operator=(const owned_memcg&) = delete;
  owned_memcg(owned_memcg&& other) : value_(other.release()) {}
  owned_memcg& operator=(owned_memcg&& other) {
    reset(other.release());
    return *this;
  }
  ~owned_memcg() { reset(nullptr); }

  explicit operator bool() const { return value_.raw() != nullptr; }
  bool has_value() const { return value_.raw() != nullptr; }
  const memcgpp::memcg& operator*() const { return value_; }
  const memcgpp::memcg* operator->() const { return &value_; }

private:
  const host::memcg_state* release() {
    const host::memcg_state* raw = value_.raw();
    value_ = memcgpp::memcg(nullptr);
    return raw;
  }
  // Takes over raw, whose reference is counted already.
  void reset(const host::memcg_state* raw) {
    if (value_.raw())
      --host::env().memcg_references;
    value_ = memcgpp::memcg(raw);
  }

  memcgpp::memcg value_;
};

inline owned_memcg memcg::parent() const { return owned_memcg(raw_->parent); }
inline owned_memcg memcg::acquire() const { return owned_memcg(raw_); }

// The root cgroup (host::env().root, which a testing::scenario sets), held
// until the handle goes; empty when there is none.
inline owned_memcg root_memcg() { return owned_memcg(host::env().root); }

} // namespace memcgpp
