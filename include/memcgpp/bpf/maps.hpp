// The BPF backend's maps: handles on BPF maps that memcgpp-compile defines.
// A handle names its map by Def, the address of the map's definition in the
// .maps section; memcgpp-compile binds every map member of a policy so.
#pragma once

#include <cstdint>

#include "../map_types.hpp"
#include "../traits.hpp"
#include "helpers.hpp"

namespace memcgpp {

#define MEMCGPP_REQUIRE_BOUND(Def)                                                                 \
  static_assert(::memcgpp::detail::bound_or_analysed<Def>,                                         \
                "this map is not bound to a BPF map: compile the policy with memcgpp-compile, "    \
                "which defines each map and binds it")

template <map_kind Kind, class K, class V, std::uint32_t Capacity, auto Def = nullptr>
class basic_map : public detail::map_shape<Kind, K, V, Capacity> {
public:
  // This CPU's value for per-CPU maps.
  MEMCGPP_INLINE map_ref<V> lookup(const K& key) const {
    MEMCGPP_REQUIRE_BOUND(Def);
    return map_ref<V>(static_cast<V*>(bpf::map_lookup_elem(Def, &key)));
  }

  MEMCGPP_INLINE bool update(const K& key, const V& value, update_mode mode = update_mode::any) const {
    MEMCGPP_REQUIRE_BOUND(Def);
    return bpf::map_update_elem(Def, &key, &value, static_cast<std::uint64_t>(mode)) == 0;
  }

  // Adds by to the value, atomically unless the map is per CPU. A hash map
  // gains the key when it lacks it; an array map has every key already.
  MEMCGPP_INLINE bool increment(const K& key, V by = 1) const
    requires detail::is_integer<V>
  {
    MEMCGPP_REQUIRE_BOUND(Def);
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (V* value = static_cast<V*>(bpf::map_lookup_elem(Def, &key))) {
        if constexpr (is_per_cpu(Kind))
          *value += by;
        else
          __sync_fetch_and_add(value, by);
        return true;
      }
      if constexpr (is_array(Kind))
        return false;
      // Another CPU may create the key first: then the second pass adds.
      if (bpf::map_update_elem(Def, &key, &by, static_cast<std::uint64_t>(update_mode::create_only)) == 0)
        return true;
    }
    return false;
  }

  MEMCGPP_INLINE bool erase(const K& key) const
    requires(!is_array(Kind))
  {
    MEMCGPP_REQUIRE_BOUND(Def);
    return bpf::map_delete_elem(Def, &key) == 0;
  }
};

} // namespace memcgpp
