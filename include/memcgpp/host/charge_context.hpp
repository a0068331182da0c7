// The host backend's charge context: what a simulated charge shows the hook.
#pragma once

#include <cstdint>

#include "../gfp.hpp"
#include "../optional_memcg.hpp"
#include "memcg.hpp"

namespace memcgpp {

namespace host {
// The fields of struct try_charge_memcg, for a simulated charge.
struct charge {
  const memcg_state* memcg = nullptr;
  gfp_flags gfp = gfp_kernel_account;
  std::uint64_t nr_pages = 1;
  const memcg_state* over_limit = nullptr;
  reclaim_options reclaim{reclaim_options::may_swap_bit};
  bool charge_done = true;
};
} // namespace host

class charge_context {
public:
  explicit charge_context(const host::charge& raw) : raw_(raw) {}

  memcgpp::memcg memcg() const { return memcgpp::memcg(raw_.memcg); }
  gfp_flags gfp() const { return raw_.gfp; }
  std::uint64_t nr_pages() const { return raw_.nr_pages; }
  reclaim_options reclaim() const { return raw_.reclaim; }
  bool charge_done() const { return raw_.charge_done; }
  // As in the kernel: none when the charge succeeded.
  optional_memcg over_limit() const {
    return optional_memcg(memcgpp::memcg(raw_.charge_done ? nullptr : raw_.over_limit));
  }
  owned_memcg acquire_over_limit() const {
    return owned_memcg(raw_.charge_done ? nullptr : raw_.over_limit);
  }

private:
  host::charge raw_;
};

} // namespace memcgpp
