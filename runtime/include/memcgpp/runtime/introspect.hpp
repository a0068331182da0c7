// What is attached now: the kernel's view of memcg_ops policies, through
// their BPF links, for `memcgpp status`, `maps` and `trace`. A policy is
// attached globally, or to a cgroup, which it governs with its subtree.
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
  std::uint64_t cgroup_id = 0;        // the cgroup it is attached to; 0 when global
  std::string cgroup_path;            // that cgroup's directory, if found under the cgroup2 mount

  bool global() const { return cgroup_id == 0; }
  // "global", the cgroup's path, or "cgroup <id>" when it is not found.
  std::string scope() const;
};

// Every memcg_ops policy attached through a link, one entry per link (one
// policy may be attached to several cgroups). A link whose cgroup was
// removed is no longer attached, and is not listed.
result<std::vector<attached_policy>> attached_policies();
// The policy pinned at path.
result<attached_policy> pinned_policy(const std::string& path);
// A map of an attached policy, by id; its fd stays open while the view is used.
result<map_view> open_map(std::uint32_t id);

} // namespace memcgpp
