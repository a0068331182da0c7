// memcgpp's runtime: load, attach, observe and detach memcg policies.
//
//   auto policy = memcgpp::policy_object::open_file("reclaim_batch.bpf.o");
//   if (!policy) { std::cerr << policy.err().message() << "\n"; return 1; }
//   policy->set_param<std::uint64_t>("batch_cgroup", cgroup_id);
//   if (auto loaded = policy->load(); !loaded) ...
//   auto link = policy->attach();    // detached when `link` is destroyed
//   // or, for one cgroup's subtree:
//   auto scoped = policy->attach_to_cgroup("/sys/fs/cgroup/batch", {.allow_override = true});
#pragma once

#include "runtime/attachment.hpp"
#include "runtime/cgroup.hpp"
#include "runtime/events.hpp"
#include "runtime/introspect.hpp"
#include "runtime/kernel_probe.hpp"
#include "runtime/maps.hpp"
#include "runtime/policy_object.hpp"
#include "runtime/result.hpp"
