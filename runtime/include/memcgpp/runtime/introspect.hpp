// What is attached now: the kernel's view of memcg_ops policies, through
// their BPF links, for `memcgpp status`, `maps` and `trace`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "maps.hpp"
#include "result.hpp"

namespace memcgpp {

struct attached_program {
  std::uint32_t id = 0;
  std::string name;
  std::uint32_t verified_insns = 0;
  std::uint64_t run_count = 0; // with kernel.bpf_stats_enabled
  std::uint64_t run_time_ns = 0;
};

struct attached_policy {
  std::string name; // the struct_ops map's name: the policy's
  std::uint32_t link_id = 0;
  std::uint32_t map_id = 0;
  std::vector<attached_program> programs;
  std::vector<std::uint32_t> map_ids; // the maps its programs use
};

// Every memcg_ops policy attached through a link.
result<std::vector<attached_policy>> attached_policies();
// The policy pinned at path.
result<attached_policy> pinned_policy(const std::string& path);
// A map of an attached policy, by id; its fd stays open while the view is used.
result<map_view> open_map(std::uint32_t id);

} // namespace memcgpp
