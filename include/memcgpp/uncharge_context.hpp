// memcgpp::uncharge_context, what the memcg_uncharged hook sees: the charges
// of freed or moved folios were released from a memcg, in a batch.
#pragma once

#include <cstdint>

#include "config.hpp"
#include "memcg.hpp"

namespace memcgpp {

class uncharge_context {
public:
  MEMCGPP_INLINE uncharge_context(memcgpp::memcg memcg, std::uint64_t nr_pages)
      : memcg_(memcg), nr_pages_(nr_pages) {}

  // The cgroup the pages were uncharged from (its ancestors were too).
  MEMCGPP_INLINE memcgpp::memcg memcg() const { return memcg_; }
  // Pages uncharged in this batch.
  MEMCGPP_INLINE std::uint64_t nr_pages() const { return nr_pages_; }

private:
  memcgpp::memcg memcg_;
  std::uint64_t nr_pages_;
};

} // namespace memcgpp
