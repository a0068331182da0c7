// What the host backend's helpers read instead of the kernel: a clock, the
// current CPU, a random stream, a log, and the root cgroup. Tests set it up,
// usually through memcgpp::testing::scenario.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace memcgpp::host {

struct memcg_state;

struct environment {
  // Simulated CPUs: per-CPU maps keep this many values.
  static constexpr std::uint32_t cpus = 4;

  std::uint64_t now_ns = 0;
  std::uint32_t cpu = 0;
  std::uint64_t random_state = 0x9e3779b97f4a7c15ull;
  std::vector<std::string> log;
  // Also print log lines to stderr, as trace_pipe would show them.
  bool echo_log = false;
  // What root_memcg() returns.
  const memcg_state* root = nullptr;
  // owned_memcg handles alive: 0 after each hook, as the verifier demands.
  std::int64_t memcg_references = 0;
};

// The environment of this thread, so that tests can run in parallel.
inline environment& env() {
  thread_local environment current;
  return current;
}

} // namespace memcgpp::host
