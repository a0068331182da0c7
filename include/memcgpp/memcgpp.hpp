// The memcgpp policy SDK. A policy is one class:
//
//   #include <memcgpp/memcgpp.hpp>
//
//   class reclaim_batch : public memcgpp::policy<reclaim_batch> {
//   public:
//     static constexpr memcgpp::policy_name name{"reclaim_batch"};
//     memcgpp::param<std::uint64_t> batch_cgroup;
//     memcgpp::array_map<std::uint32_t, std::uint64_t, 1> raised;
//
//     memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
//       if (!c.charge_done() && c.memcg().id() == batch_cgroup) {
//         raised.increment(0);
//         return memcgpp::reclaim_pages(memcgpp::huge_page_pages);
//       }
//       return memcgpp::keep_default;
//     }
//   };
//
// memcgpp-compile turns it into a BPF struct_ops object; compiled natively,
// memcgpp/testing.hpp drives it in unit tests. docs/policy-guide.md has more.
#pragma once

#include "charge_context.hpp"
#include "config.hpp"
#include "gfp.hpp"
#include "helpers.hpp"
#include "hooks.hpp"
#include "lifecycle_context.hpp"
#include "log.hpp"
#include "maps.hpp"
#include "memcg.hpp"
#include "memcg_stats.hpp"
#include "param.hpp"
#include "policy.hpp"
#include "protection.hpp"
#include "ring_buffer.hpp"
#include "throttle.hpp"
#include "uncharge_context.hpp"
#include "verdict.hpp"
