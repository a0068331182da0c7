// What maps of both backends share: lookup results, update modes, kinds,
// and the rules for keys and values.
#pragma once

#include <cstdint>

#include "config.hpp"
#include "traits.hpp"

namespace memcgpp {

template <class V> class map_ref {
public:
  MEMCGPP_INLINE explicit map_ref(V* value) : value_(value) {}

  MEMCGPP_INLINE explicit operator bool() const { return value_ != nullptr; }
  MEMCGPP_INLINE bool has_value() const { return value_ != nullptr; }
  // Only after checking: the value lives in the map, so writes stick.
  MEMCGPP_INLINE V& operator*() const { return *value_; }
  MEMCGPP_INLINE V* operator->() const { return value_; }
  // A copy of the value, or fallback when the key is absent.
  MEMCGPP_INLINE V value_or(V fallback) const { return value_ ? *value_ : fallback; }

private:
  V* value_;
};

// How update treats an existing entry (BPF_ANY, BPF_NOEXIST, BPF_EXIST).
enum class update_mode : unsigned { any = 0, create_only = 1, replace_only = 2 };

// The kinds of map a policy can declare, with their BPF map type numbers.
enum class map_kind : unsigned {
  hash = 1,
  array = 2,
  percpu_hash = 5,
  percpu_array = 6,
  lru_hash = 9,
};

constexpr bool is_per_cpu(map_kind kind) {
  return kind == map_kind::percpu_hash || kind == map_kind::percpu_array;
}
constexpr bool is_array(map_kind kind) {
  return kind == map_kind::array || kind == map_kind::percpu_array;
}

namespace detail {
// What both backends' basic_map share: the map's description, and the rules
// for its keys and values.
template <map_kind Kind, class K, class V, std::uint32_t Capacity> struct map_shape {
  MEMCGPP_REQUIRE_PLAIN_DATA(K, "a map key");
  MEMCGPP_REQUIRE_PLAIN_DATA(V, "a map value");
  static_assert(!is_array(Kind) || is_same<K, std::uint32_t>,
                "array maps are indexed by std::uint32_t, as in the kernel");
  static_assert(Capacity > 0, "a map needs room for at least one entry");

  using key_type = K;
  using value_type = V;
  static constexpr map_kind kind = Kind;
  static constexpr std::uint32_t capacity = Capacity;
};
} // namespace detail

} // namespace memcgpp
