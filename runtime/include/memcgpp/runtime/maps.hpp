// Typed access to a loaded policy's maps. Per-CPU maps give one value per
// possible CPU, or their sum.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "result.hpp"

namespace memcgpp {

class map_view {
public:
  map_view(int fd, std::string name, std::uint32_t type, std::uint32_t key_size, std::uint32_t value_size,
           std::uint32_t max_entries);

  const std::string& name() const { return name_; }
  std::uint32_t type() const { return type_; }
  std::uint32_t key_size() const { return key_size_; }
  std::uint32_t value_size() const { return value_size_; }
  std::uint32_t max_entries() const { return max_entries_; }
  bool per_cpu() const;
  bool ring_buffer() const;
  int fd() const { return fd_; }

  // Raw bytes: the value is value_size() bytes, times the CPU count when per CPU.
  result<std::optional<std::vector<unsigned char>>> lookup_bytes(const void* key) const;
  status update_bytes(const void* key, const void* value) const;
  result<std::vector<std::vector<unsigned char>>> keys_bytes() const;
  // A value as lookup_bytes returns it, split into one value_size() slice
  // per CPU (a single slice for other maps).
  std::vector<std::span<const unsigned char>> cpu_values(const std::vector<unsigned char>& raw) const;

  template <class K, class V> result<std::optional<V>> lookup(const K& key) const {
    if (auto check = check_types(sizeof(K), sizeof(V)); !check)
      return check.err();
    auto raw = lookup_bytes(&key);
    if (!raw)
      return raw.err();
    if (!*raw)
      return std::optional<V>();
    return std::optional<V>(per_cpu() ? sum<V>(**raw) : from_bytes<V>(raw->value().data()));
  }

  template <class K, class V> result<std::vector<V>> lookup_per_cpu(const K& key) const {
    if (auto check = check_types(sizeof(K), sizeof(V)); !check)
      return check.err();
    auto raw = lookup_bytes(&key);
    if (!raw)
      return raw.err();
    std::vector<V> values;
    if (*raw)
      for (auto value : cpu_values(**raw))
        values.push_back(from_bytes<V>(value.data()));
    return values;
  }

  template <class K, class V> status update(const K& key, const V& value) const {
    if (auto check = check_types(sizeof(K), sizeof(V)); !check)
      return check;
    if (!per_cpu())
      return update_bytes(&key, &value);
    std::vector<unsigned char> all(slot_size() * possible_cpus());
    for (std::size_t off = 0; off < all.size(); off += slot_size())
      std::memcpy(all.data() + off, &value, sizeof(V));
    return update_bytes(&key, all.data());
  }

  // Every key and its value (summed over CPUs for per-CPU maps).
  template <class K, class V> result<std::vector<std::pair<K, V>>> entries() const {
    static_assert(std::is_trivially_copyable_v<K> && std::is_trivially_copyable_v<V>);
    auto keys = keys_bytes();
    if (!keys)
      return keys.err();
    std::vector<std::pair<K, V>> out;
    for (const auto& raw_key : *keys) {
      const K key = from_bytes<K>(raw_key.data());
      auto value = lookup<K, V>(key);
      if (!value)
        return value.err();
      if (*value)
        out.emplace_back(key, **value);
    }
    return out;
  }

  static unsigned possible_cpus();

private:
  status check_types(std::size_t key, std::size_t value) const;
  error access_failed(const std::string& what, int err) const;
  std::size_t slot_size() const { return per_cpu() ? (value_size_ + 7) / 8 * 8 : value_size_; }
  template <class T> static T from_bytes(const unsigned char* data) {
    T out;
    std::memcpy(&out, data, sizeof(T));
    return out;
  }
  template <class V> V sum(const std::vector<unsigned char>& raw) const {
    if constexpr (std::is_integral_v<V>) {
      V total{};
      for (auto value : cpu_values(raw))
        total += from_bytes<V>(value.data());
      return total;
    } else {
      return from_bytes<V>(raw.data()); // not summable: this CPU's first slot
    }
  }

  int fd_;
  std::string name_;
  std::uint32_t type_, key_size_, value_size_, max_entries_;
};

} // namespace memcgpp
