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

// A failed map operation, as map_access, with what to do where there is
// something to do.
error map_view::access_failed(const std::string& what, int err) const {
  switch (err) {
  case E2BIG:
    return error(errc::map_access,
                 fmt::format("{} {}: it holds at most {} {}{}", what, name_, max_entries_,
                             max_entries_ == 1 ? "entry" : "entries",
                             type_ == BPF_MAP_TYPE_ARRAY || type_ == BPF_MAP_TYPE_PERCPU_ARRAY
                                 ? fmt::format(", so its keys run from 0 to {}", max_entries_ - 1)
                                 : std::string(", and is full")));
  case EBADF:
    return error(errc::map_access, fmt::format("{} {}: the map is not open; maps are read after the policy is "
                                               "loaded, and while its object is open",
                                               what, name_));
  default:
    return error(errc::map_access, detail::system_error(fmt::format("{} {}", what, name_), err).message());
  }
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
    return access_failed("look up in map", errno);
  }
  return std::optional<std::vector<unsigned char>>(std::move(value));
}

status map_view::update_bytes(const void* key, const void* value) const {
  if (bpf_map_update_elem(fd_, key, value, BPF_ANY) != 0)
    return access_failed("update map", errno);
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
    return access_failed("iterate map", errno);
  return keys;
}

} // namespace memcgpp
