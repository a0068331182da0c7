// Typed maps. A policy declares them as members; on the BPF target they are
// BPF maps, on the host standard containers with the same behaviour.
//
//   memcgpp::hash_map<key, value, 1024> counts;
//   if (auto v = counts.lookup(k)) ++*v;  counts.increment(k);  counts.erase(k);
#pragma once

#include <cstdint>

#include "config.hpp"
#include "map_types.hpp"
#include "traits.hpp"

#if MEMCGPP_BPF
#include "bpf/maps.hpp"
#else
#include "host/maps.hpp"
#endif

namespace memcgpp {

// Def is for memcgpp-compile, which binds each map member to its BPF map.
template <class K, class V, std::uint32_t N, auto Def = nullptr>
using array_map = basic_map<map_kind::array, K, V, N, Def>;
template <class K, class V, std::uint32_t N, auto Def = nullptr>
using hash_map = basic_map<map_kind::hash, K, V, N, Def>;
template <class K, class V, std::uint32_t N, auto Def = nullptr>
using percpu_array_map = basic_map<map_kind::percpu_array, K, V, N, Def>;
template <class K, class V, std::uint32_t N, auto Def = nullptr>
using percpu_hash_map = basic_map<map_kind::percpu_hash, K, V, N, Def>;
template <class K, class V, std::uint32_t N, auto Def = nullptr>
using lru_hash_map = basic_map<map_kind::lru_hash, K, V, N, Def>;

} // namespace memcgpp
