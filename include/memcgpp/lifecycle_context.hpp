// memcgpp::lifecycle_context, what the handle_cgroup_online and
// handle_cgroup_offline hooks see: a memcg that the policy governs came
// online (it inherited the policy from its parent), or is going offline.
#pragma once

#include "config.hpp"
#include "memcg.hpp"

namespace memcgpp {

class lifecycle_context {
public:
  MEMCGPP_INLINE explicit lifecycle_context(memcgpp::memcg memcg) : memcg_(memcg) {}

  MEMCGPP_INLINE memcgpp::memcg memcg() const { return memcg_; }

private:
  memcgpp::memcg memcg_;
};

} // namespace memcgpp
