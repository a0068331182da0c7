// The host backend's maps: standard containers with the semantics of the
// BPF maps they stand for. Keys compare as bytes, as the kernel compares
// them; per-CPU maps keep one value per simulated CPU; an LRU hash evicts its
// least recently used key when full; array maps hold every key from 0 up.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <list>
#include <map>
#include <vector>

#include "../map_types.hpp"
#include "../traits.hpp"
#include "environment.hpp"

namespace memcgpp {

template <map_kind Kind, class K, class V, std::uint32_t Capacity, auto Def = nullptr>
class basic_map : public detail::map_shape<Kind, K, V, Capacity> {
public:
  basic_map() : slots_(is_per_cpu(Kind) ? host::environment::cpus : 1) {}

  // This CPU's value for per-CPU maps.
  map_ref<V> lookup(const K& key) const {
    auto& entries = slot();
    auto it = entries.find(bytes(key));
    if (it == entries.end())
      return map_ref<V>(nullptr);
    touch(it->first);
    return map_ref<V>(&it->second);
  }

  bool update(const K& key, const V& value, update_mode mode = update_mode::any) const {
    auto& entries = slot();
    const auto k = bytes(key);
    const bool exists = entries.count(k) != 0;
    if (is_array(Kind) && !exists)
      return false; // outside the array
    if ((mode == update_mode::create_only && exists) || (mode == update_mode::replace_only && !exists))
      return false;
    if (!exists && !make_room())
      return false;
    if (!exists && is_per_cpu(Kind))
      for (auto& cpu_entries : slots_)
        cpu_entries.emplace(k, V{}); // a new key exists on every CPU at once
    entries[k] = value;
    touch(k);
    return true;
  }

  bool increment(const K& key, V by = 1) const
    requires detail::is_integer<V>
  {
    if (auto value = lookup(key)) {
      *value += by;
      return true;
    }
    return !is_array(Kind) && update(key, by, update_mode::create_only);
  }

  bool erase(const K& key) const
    requires(!is_array(Kind))
  {
    bool found = false;
    for (auto& entries : slots_)
      found = entries.erase(bytes(key)) != 0 || found;
    recency_.remove(bytes(key));
    return found;
  }

  // For tests: every key and this CPU's value, in key byte order.
  std::vector<std::pair<K, V>> entries() const {
    std::vector<std::pair<K, V>> out;
    for (const auto& [k, v] : slot())
      out.emplace_back(from_bytes(k), v);
    return out;
  }

  // For tests: a per-CPU key's value on every CPU, and their sum.
  std::vector<V> per_cpu_values(const K& key) const
    requires(is_per_cpu(Kind))
  {
    std::vector<V> out;
    for (const auto& entries : slots_) {
      auto it = entries.find(bytes(key));
      out.push_back(it == entries.end() ? V{} : it->second);
    }
    return out;
  }
  V sum(const K& key) const
    requires(is_per_cpu(Kind) && detail::is_integer<V>)
  {
    V total{};
    for (V v : per_cpu_values(key))
      total += v;
    return total;
  }

private:
  using key_bytes = std::array<unsigned char, sizeof(K)>;
  using slot_map = std::map<key_bytes, V>;

  static key_bytes bytes(const K& key) {
    key_bytes out;
    std::memcpy(out.data(), &key, sizeof(K));
    return out;
  }
  static K from_bytes(const key_bytes& raw) {
    K key;
    std::memcpy(&key, raw.data(), sizeof(K));
    return key;
  }

  slot_map& slot() const {
    auto& entries = slots_[is_per_cpu(Kind) ? host::env().cpu % slots_.size() : 0];
    if constexpr (is_array(Kind))
      if (entries.empty())
        for (std::uint32_t i = 0; i < Capacity; ++i)
          entries.emplace(bytes(i), V{});
    return entries;
  }

  // Whether a new key fits; an LRU hash makes room by evicting.
  bool make_room() const {
    auto& entries = slot();
    if (entries.size() < Capacity)
      return true;
    if (Kind != map_kind::lru_hash || recency_.empty())
      return false;
    entries.erase(recency_.front());
    recency_.pop_front();
    return true;
  }

  void touch(const key_bytes& key) const {
    if (Kind != map_kind::lru_hash)
      return;
    recency_.remove(key);
    recency_.push_back(key);
  }

  // The BPF backend's handles are constants, so the API is const; the
  // host's contents change behind it as a BPF map's do.
  mutable std::vector<slot_map> slots_;
  mutable std::list<key_bytes> recency_;
};

} // namespace memcgpp
