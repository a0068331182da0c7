// A memcg that may be absent, such as the one whose limit a charge hit: the
// type makes the policy check before it looks.
#pragma once

#include "config.hpp"
#include "memcg.hpp"

namespace memcgpp {

class optional_memcg {
public:
  MEMCGPP_INLINE explicit optional_memcg(memcgpp::memcg value) : value_(value) {}

  MEMCGPP_INLINE explicit operator bool() const { return value_.raw() != nullptr; }
  MEMCGPP_INLINE bool has_value() const { return value_.raw() != nullptr; }
  MEMCGPP_INLINE const memcgpp::memcg& operator*() const { return value_; }
  MEMCGPP_INLINE const memcgpp::memcg* operator->() const { return &value_; }

private:
  memcgpp::memcg value_;
};

} // namespace memcgpp
