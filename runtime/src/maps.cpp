#include "memcgpp/runtime/maps.hpp"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <fmt/format.h>

#include <cerrno>

#include "system_error.hpp"

namespace memcgpp {

map_view::map_view(int fd, std::string name, std::uint32_t type, std::uint32_t key_size,
                   std::uint32_t value_size, std::uint32_t max_entries)
    : fd_(fd), name_(std::move(name)), type_(type), key_size_(key_size), value_size_(value_size),
      max_entries_(max_entries) {}

bool map_view::per_cpu() const {
  return type_ == BPF_MAP_TYPE_PERCPU_ARRAY || type_ == BPF_MAP_TYPE_PERCPU_HASH ||
         type_ == BPF_MAP_TYPE_LRU_PERCPU_HASH;
}

bool map_view::ring_buffer() const { return type_ == BPF_MAP_TYPE_RINGBUF; }

std::vector<std::span<const unsigned char>> map_view::cpu_values(const std::vector<unsigned char>& raw) const {
  std::vector<std::span<const unsigned char>> values;
  for (std::size_t off = 0; off + value_size_ <= raw.size(); off += slot_size())
    values.emplace_back(raw.data() + off, value_size_);
  return values;
}

unsigned map_view::possible_cpus() {
  static const int cpus = libbpf_num_possible_cpus();
  return cpus > 0 ? static_cast<unsigned>(cpus) : 1;
}

status map_view::check_types(std::size_t key, std::size_t value) const {
  if (key != key_size_ || value != value_size_)
    return error(errc::invalid_argument,
                 fmt::format("map {} has {}-byte keys and {}-byte values, not {} and {}: use the "
                             "types of its skeleton",
                             name_, key_size_, value_size_, key, value));
  return {};
}

result<std::optional<std::vector<unsigned char>>> map_view::lookup_bytes(const void* key) const {
  std::vector<unsigned char> value(per_cpu() ? slot_size() * possible_cpus() : value_size_);
  if (bpf_map_lookup_elem(fd_, key, value.data()) != 0) {
    if (errno == ENOENT)
      return std::optional<std::vector<unsigned char>>();
    return error(errc::map_access, detail::system_error(fmt::format("look up in map {}", name_), errno).message());
  }
  return std::optional<std::vector<unsigned char>>(std::move(value));
}

status map_view::update_bytes(const void* key, const void* value) const {
  if (bpf_map_update_elem(fd_, key, value, BPF_ANY) != 0)
    return error(errc::map_access, detail::system_error(fmt::format("update map {}", name_), errno).message());
  return {};
}

result<std::vector<std::vector<unsigned char>>> map_view::keys_bytes() const {
  std::vector<std::vector<unsigned char>> keys;
  std::vector<unsigned char> key(key_size_), next(key_size_);
  const void* previous = nullptr; // start from the first key
  while (bpf_map_get_next_key(fd_, previous, next.data()) == 0) {
    keys.push_back(next);
    key = next;
    previous = key.data();
    if (keys.size() > max_entries_)
      break; // keys changing under us: what was seen is enough
  }
  if (errno != ENOENT && keys.size() <= max_entries_)
    return error(errc::map_access, detail::system_error(fmt::format("iterate map {}", name_), errno).message());
  return keys;
}

} // namespace memcgpp
