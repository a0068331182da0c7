// A live per-cgroup table of what charge_telemetry counts, refreshed like
// top; --json prints each refresh as one JSON line instead. Ctrl-C detaches
// the policy after a last refresh.
//
//   telemetry_top [--interval MS] [--json]
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memcgpp/runtime.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "telemetry.skel.hpp"

namespace {

using counts = charge_telemetry_skeleton::counts_map::value_type;
using skeleton = charge_telemetry_skeleton;

// Cgroup ids (inode numbers) to paths under the cgroup2 mount.
std::map<std::uint64_t, std::string> cgroup_paths() {
  std::map<std::uint64_t, std::string> paths;
  const std::filesystem::path root = "/sys/fs/cgroup";
  std::error_code error;
  paths[std::filesystem::status(root, error).type() == std::filesystem::file_type::directory ? 1 : 0] = "/";
  for (auto it = std::filesystem::recursive_directory_iterator(root, error);
       it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    struct stat st{};
    if (it->is_directory(error) && stat(it->path().c_str(), &st) == 0)
      paths[st.st_ino] = "/" + std::filesystem::relative(it->path(), root).string();
  }
  return paths;
}

struct row {
  std::string cgroup;
  counts total{};
};

std::vector<row> snapshot(const memcgpp::map_view& map) {
  std::vector<row> rows;
  const auto paths = cgroup_paths();
  auto keys = map.keys_bytes();
  for (const auto& raw : keys ? *keys : std::vector<std::vector<unsigned char>>{}) {
    std::uint64_t id = 0;
    std::memcpy(&id, raw.data(), sizeof(id));
    auto per_cpu = map.lookup_per_cpu<std::uint64_t, counts>(id);
    row r;
    const auto path = paths.find(id);
    r.cgroup = path != paths.end() ? path->second : fmt::format("cgroup {}", id);
    for (const auto& c : per_cpu ? *per_cpu : std::vector<counts>{}) {
      r.total.charges += c.charges;
      r.total.failed += c.failed;
      r.total.reclaim_requests += c.reclaim_requests;
    }
    rows.push_back(r);
  }
  std::sort(rows.begin(), rows.end(), [](const row& a, const row& b) { return a.total.charges > b.total.charges; });
  return rows;
}

void print(const std::vector<row>& rows, std::uint64_t failures_seen, bool as_json) {
  if (as_json) {
    std::string out = "{\"cgroups\":[";
    for (std::size_t i = 0; i < rows.size(); ++i)
      out += fmt::format("{}{{\"cgroup\":\"{}\",\"charges\":{},\"failed\":{},\"reclaim_requests\":{}}}",
                         i ? "," : "", rows[i].cgroup, rows[i].total.charges, rows[i].total.failed,
                         rows[i].total.reclaim_requests);
    std::cout << out << fmt::format("],\"failure_events\":{}}}\n", failures_seen) << std::flush;
    return;
  }
  if (isatty(STDOUT_FILENO))
    std::cout << "\033[H\033[2J"; // home, and clear the screen
  std::cout << fmt::format("{:<40} {:>12} {:>12} {:>16}\n", "cgroup", "charges", "failed", "reclaim requests");
  for (const auto& r : rows)
    std::cout << fmt::format("{:<40} {:>12} {:>12} {:>16}\n", r.cgroup, r.total.charges, r.total.failed,
                             r.total.reclaim_requests);
  std::cout << fmt::format("failure events: {}\n", failures_seen) << std::flush;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"A live per-cgroup table of memcg charges, failures and reclaim requests."};
  int interval_ms = 1000;
  bool as_json = false;
  app.add_option("--interval", interval_ms, "milliseconds between refreshes")->check(CLI::PositiveNumber);
  app.add_flag("--json", as_json, "print each refresh as a line of JSON");
  CLI11_PARSE(app, argc, argv);

  auto policy = memcgpp::policy_object::open<skeleton>();
  if (!policy) {
    std::cerr << "telemetry_top: " << policy.err().message() << "\n";
    return 1;
  }
  auto link = policy->attach();
  if (!link) {
    std::cerr << "telemetry_top: " << link.err().message() << "\n";
    return 1;
  }
  auto map = policy->map(skeleton::counts_map::name);
  auto ring = policy->map(skeleton::failures_ring_buffer::name);
  std::uint64_t failures_seen = 0;
  auto failures = memcgpp::event_stream::open(*ring, [&](std::span<const unsigned char>) { ++failures_seen; });
  if (!map || !failures) {
    std::cerr << "telemetry_top: " << (map ? failures.err() : map.err()).message() << "\n";
    return 1;
  }
  std::cerr << "attached telemetry; Ctrl-C detaches it\n";

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigprocmask(SIG_BLOCK, &signals, nullptr);
  pollfd fds[2] = {{signalfd(-1, &signals, 0), POLLIN, 0}, {failures->fd(), POLLIN, 0}};
  for (bool stop = false; !stop;) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(interval_ms);
    for (auto now = std::chrono::steady_clock::now(); now < deadline && !stop;
         now = std::chrono::steady_clock::now()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
      poll(fds, 2, static_cast<int>(left));
      stop = fds[0].revents != 0;
      (void)failures->poll(0);
    }
    print(snapshot(*map), failures_seen, as_json);
  }
  return link->detach() ? 0 : 1;
}
