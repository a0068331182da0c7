// memcgpp: load, attach, observe and detach memcg policies.
//
// Exit codes: 0 success, 1 failure (the message says what to do), 2 usage.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memcgpp/runtime.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <vector>

#include "json.hpp"

#ifndef MEMCGPP_VERSION
#error "MEMCGPP_VERSION must be defined by the build"
#endif

namespace {

using namespace memcgpp;

constexpr int exit_ok = 0;
constexpr int exit_failure = 1;
constexpr int exit_usage = 2;
constexpr const char* trace_pipe = "/sys/kernel/tracing/trace_pipe";

int fail(const error& e) {
  std::cerr << "memcgpp: error: " << e.message() << "\n";
  return exit_failure;
}

const char* map_type_name(std::uint32_t type) {
  switch (type) {
  case 1: return "hash";
  case 2: return "array";
  case 5: return "percpu_hash";
  case 6: return "percpu_array";
  case 9: return "lru_hash";
  case 27: return "ringbuf";
  default: return "other";
  }
}

// A key or value as a number when it is one, else as hex bytes.
std::string show(const unsigned char* data, std::size_t size) {
  if (size == 4 || size == 8) {
    std::uint64_t n = 0;
    std::memcpy(&n, data, size);
    return std::to_string(n);
  }
  std::string hex = "0x";
  for (std::size_t i = 0; i < size; ++i)
    hex += fmt::format("{:02x}", data[i]);
  return hex;
}

// Every entry of a map: keys, and values, summed over CPUs where they are numbers.
void dump_map(const map_view& map, cli::json_writer* json) {
  if (json)
    json->begin_object().key("name").value(map.name()).key("type").value(map_type_name(map.type()))
        .key("max_entries").value(std::uint64_t{map.max_entries()}).key("entries").begin_array();
  else
    std::cout << fmt::format("map {} ({}, {} entries of {}-byte keys and {}-byte values)\n", map.name(),
                             map_type_name(map.type()), map.max_entries(), map.key_size(), map.value_size());
  // A ring buffer has no entries to list: its events come through `trace`.
  auto keys = map.ring_buffer() ? std::vector<std::vector<unsigned char>>{} : map.keys_bytes().value_or({});
  for (const auto& key : keys) {
    auto value = map.lookup_bytes(key.data());
    if (!value || !*value)
      continue;
    std::vector<std::string> cpus;
    std::uint64_t sum = 0;
    for (auto cpu : map.cpu_values(**value)) {
      cpus.push_back(show(cpu.data(), cpu.size()));
      std::uint64_t n = 0;
      std::memcpy(&n, cpu.data(), std::min<std::size_t>(cpu.size(), sizeof(n)));
      sum += n;
    }
    const bool summable = map.per_cpu() && (map.value_size() == 4 || map.value_size() == 8);
    const std::string shown =
        summable ? fmt::format("{} (per CPU: {})", sum, fmt::join(cpus, " ")) : cpus.front();
    if (json)
      json->begin_object().key("key").value(show(key.data(), key.size())).key("value").value(shown).end_object();
    else
      std::cout << fmt::format("  [{}] = {}\n", show(key.data(), key.size()), shown);
  }
  if (json)
    json->end_array().end_object();
}

// Streams trace_pipe lines and the policy's ring-buffer events until SIGINT
// or SIGTERM, or until the kernel detaches the policy of link_fd (its cgroup
// was removed), which sets kernel_detached.
int stream(std::vector<event_stream>& events, int link_fd = -1, bool* kernel_detached = nullptr) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigprocmask(SIG_BLOCK, &signals, nullptr);
  const int signal_fd = signalfd(-1, &signals, SFD_CLOEXEC);
  const int trace_fd = open(trace_pipe, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  std::vector<pollfd> fds = {{signal_fd, POLLIN, 0}, {link_fd, 0, 0}};
  if (trace_fd >= 0)
    fds.push_back({trace_fd, POLLIN, 0});
  for (auto& e : events)
    fds.push_back({e.fd(), POLLIN, 0});
  std::string pending;
  for (;;) {
    if (poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR)
      return exit_failure;
    if (fds[0].revents)
      break;
    if (fds[1].revents & (POLLHUP | POLLERR)) {
      if (kernel_detached)
        *kernel_detached = true;
      break;
    }
    if (trace_fd >= 0 && (fds[2].revents & POLLIN)) {
      char buffer[4096];
      const ssize_t n = read(trace_fd, buffer, sizeof(buffer));
      if (n > 0) {
        pending.append(buffer, static_cast<std::size_t>(n));
        for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos; pending.erase(0, nl + 1))
          std::cout << "trace: " << pending.substr(0, nl) << "\n";
        std::cout.flush();
      }
    }
    for (auto& e : events)
      (void)e.poll(0);
  }
  if (trace_fd >= 0)
    close(trace_fd);
  close(signal_fd);
  return exit_ok;
}

std::vector<event_stream> open_events(const std::vector<map_view>& maps) {
  std::vector<event_stream> events;
  for (const auto& map : maps)
    if (map.ring_buffer())
      if (auto stream = event_stream::open(map, [name = map.name()](std::span<const unsigned char> bytes) {
            std::cout << fmt::format("event {}: {}\n", name, show(bytes.data(), bytes.size()));
            std::cout.flush();
          }))
        events.push_back(std::move(stream).value());
  return events;
}

// Applies --set NAME=VALUE options.
status set_params(policy_object& policy, const std::vector<std::string>& sets) {
  for (const auto& set : sets) {
    const auto eq = set.find('=');
    if (eq == std::string::npos)
      return error(errc::invalid_argument, fmt::format("--set {}: write NAME=VALUE", set));
    if (auto ok = policy.set_param_text(set.substr(0, eq), set.substr(eq + 1)); !ok)
      return ok;
  }
  return {};
}

int attach_command(const std::string& path, const std::vector<std::string>& sets,
                   const std::optional<std::string>& cgroup, bool allow_override,
                   const std::optional<std::string>& pin) {
  auto policy = policy_object::open_file(path);
  if (!policy)
    return fail(policy.err());
  if (auto set = set_params(*policy, sets); !set)
    return fail(set.err());
  std::optional<cgroup_dir> target;
  if (cgroup) {
    auto dir = cgroup_dir::open(*cgroup);
    if (!dir)
      return fail(dir.err());
    target = std::move(dir).value();
  }
  auto link = target ? policy->attach_to_cgroup(*target, {.allow_override = allow_override}) : policy->attach();
  if (!link)
    return fail(link.err());
  const std::string where =
      target ? fmt::format(" to cgroup {}{}", target->path(), allow_override ? ", allowing override below it" : "")
             : "";
  if (pin) {
    if (auto pinned = link->pin(*pin); !pinned)
      return fail(pinned.err());
    std::cout << fmt::format("attached {}{} and pinned it at {}; `memcgpp detach {}` detaches it\n",
                             policy->name(), where, *pin, *pin);
    return exit_ok;
  }
  std::cout << fmt::format("attached {}{}; Ctrl-C detaches it\n", policy->name(), where);
  std::cout.flush();
  auto events = open_events(policy->maps());
  bool kernel_detached = false;
  const int status = stream(events, link->fd(), &kernel_detached);
  if (kernel_detached) {
    std::cout << (target ? fmt::format("the kernel detached {}: cgroup {} was removed\n", policy->name(),
                                       target->path())
                         : fmt::format("the kernel detached {}\n", policy->name()));
    return exit_ok;
  }
  if (auto detached = link->detach(); !detached)
    return fail(detached.err());
  std::cout << fmt::format("detached {}\n", policy->name());
  return status;
}

// "global", "cgroup PATH", or "cgroup ID" when the path is not found.
std::string scope_text(const attached_policy& policy) {
  return policy.cgroup_path.empty() ? policy.scope() : "cgroup " + policy.cgroup_path;
}

int detach_command(const std::string& pin) {
  auto policy = pinned_policy(pin);
  if (auto done = attachment::unpin(pin); !done)
    return fail(done.err());
  if (!policy)
    std::cout << fmt::format("detached {}\n", pin);
  else if (policy->global())
    std::cout << fmt::format("detached {}\n", policy->name);
  else
    std::cout << fmt::format("detached {} from {}\n", policy->name, scope_text(*policy));
  return exit_ok;
}

bool stats_enabled() {
  std::ifstream in("/proc/sys/kernel/bpf_stats_enabled");
  int enabled = 0;
  return in >> enabled && enabled != 0;
}

int status_command(bool as_json) {
  auto kernel = probe_kernel();
  auto policies = attached_policies();
  cli::json_writer json;
  if (as_json) {
    json.begin_object().key("memcg_ops").value(kernel.ok()).key("hooks").begin_array();
    if (kernel)
      for (const auto& hook : kernel->hooks)
        json.value(hook);
    json.end_array().key("policies").begin_array();
  } else if (kernel) {
    std::cout << fmt::format("kernel: memcg_ops, with hooks {}\n", fmt::join(kernel->hooks, ", "));
  } else {
    std::cout << "kernel: " << kernel.err().message() << "\n";
  }
  if (!policies && !as_json)
    std::cout << "policies: " << policies.err().message() << "\n";
  for (const auto& policy : policies ? *policies : std::vector<attached_policy>{}) {
    if (as_json) {
      json.begin_object().key("name").value(policy.name).key("link_id").value(std::uint64_t{policy.link_id})
          .key("scope").value(policy.scope()).key("cgroup_id").value(policy.cgroup_id).key("programs").begin_array();
      for (const auto& p : policy.programs)
        json.begin_object().key("name").value(p.name).key("verified_insns").value(std::uint64_t{p.verified_insns})
            .key("run_count").value(p.run_count).key("run_time_ns").value(p.run_time_ns).end_object();
      json.end_array().key("maps").begin_array();
      for (const auto id : policy.map_ids)
        if (auto map = open_map(id); map && map->name().find('.') == std::string::npos)
          json.value(map->name());
      json.end_array().end_object();
      continue;
    }
    std::cout << fmt::format("policy {} (link {}): {}\n", policy.name, policy.link_id, scope_text(policy));
    for (const auto& p : policy.programs)
      std::cout << fmt::format("  program {}: {} instructions verified, {}\n", p.name, p.verified_insns,
                               stats_enabled() ? fmt::format("{} runs, {} ns", p.run_count, p.run_time_ns)
                                               : "run counts off (sysctl kernel.bpf_stats_enabled=1)");
    for (const auto id : policy.map_ids)
      if (auto map = open_map(id); map && map->name().find('.') == std::string::npos)
        std::cout << fmt::format("  map {} ({})\n", map->name(), map_type_name(map->type()));
  }
  if (!as_json && policies && policies->empty())
    std::cout << "no policy attached\n";
  if (as_json)
    std::cout << json.end_array().end_object().str() << "\n";
  return exit_ok;
}

// The attached policy that TARGET names: a pin, a policy object file (the
// policy its memcg_ops map is named after), or a policy's name.
result<attached_policy> attached_target(const std::string& target) {
  if (auto pinned = pinned_policy(target))
    return std::move(*pinned);
  std::string name = target;
  struct stat st{};
  if (stat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    auto object = policy_object::open_file(target);
    if (!object)
      return object.err();
    name = object->name();
  }
  auto all = attached_policies();
  if (!all)
    return all.err();
  for (auto& policy : *all)
    if (policy.name == name)
      return std::move(policy);
  return error(errc::not_found, fmt::format("no policy {} is attached: give a pin, a policy object or the name of "
                                            "an attached policy (memcgpp status lists them)",
                                            name));
}

int maps_command(const std::string& target, bool as_json) {
  auto policy = attached_target(target);
  if (!policy)
    return fail(policy.err());
  cli::json_writer json;
  if (as_json)
    json.begin_object().key("policy").value(policy->name).key("maps").begin_array();
  for (const auto id : policy->map_ids) {
    auto map = open_map(id);
    if (!map)
      return fail(map.err());
    if (std::string_view(map->name()).find('.') != std::string_view::npos)
      continue; // .rodata and friends
    dump_map(*map, as_json ? &json : nullptr);
  }
  if (as_json)
    std::cout << json.end_array().end_object().str() << "\n";
  return exit_ok;
}

int check_command(const std::string& path, const std::vector<std::string>& sets, bool as_json) {
  auto policy = policy_object::open_file(path);
  if (!policy)
    return fail(policy.err());
  if (auto set = set_params(*policy, sets); !set)
    return fail(set.err());
  if (auto loaded = policy->load(); !loaded)
    return fail(loaded.err());
  cli::json_writer json;
  if (as_json)
    json.begin_object().key("policy").value(policy->name()).key("programs").begin_array();
  for (const auto& p : policy->programs()) {
    if (as_json)
      json.begin_object().key("name").value(p.name).key("hook").value(p.hook)
          .key("verified_insns").value(std::uint64_t{p.verified_insns}).end_object();
    else
      std::cout << fmt::format("{} ({}): the verifier accepted it after {} instructions\n", p.name, p.hook,
                               p.verified_insns);
  }
  if (as_json)
    std::cout << json.end_array().end_object().str() << "\n";
  return exit_ok;
}

int trace_command() {
  std::vector<event_stream> events;
  std::set<std::uint32_t> seen; // a policy attached to several cgroups has one set of maps
  if (auto policies = attached_policies())
    for (const auto& policy : *policies)
      for (const auto id : policy.map_ids)
        if (auto map = open_map(id); map && map->ring_buffer() && seen.insert(id).second) {
          auto more = open_events({*map});
          for (auto& e : more)
            events.push_back(std::move(e));
        }
  std::cout << "following trace_pipe and policy events; Ctrl-C stops\n";
  std::cout.flush();
  return stream(events);
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"Loads, attaches, observes and detaches memcg policies.\n"
               "Exit codes: 0 success, 1 failure, 2 usage errors.",
               "memcgpp"};
  app.set_version_flag("--version", "memcgpp " MEMCGPP_VERSION);
  app.require_subcommand(1);

  std::string object, pin_path, target;
  std::vector<std::string> sets;
  std::optional<std::string> cgroup, pin;
  bool as_json = false;
  bool allow_override = false;

  auto* attach = app.add_subcommand("attach", "load and attach a policy, globally or to a cgroup; stream its log "
                                              "and events until interrupted, or pin it and return");
  attach->footer("Without --cgroup the policy is global: it governs every memcg that no cgroup policy governs.\n"
                 "With --cgroup PATH (a cgroup2 directory, such as /sys/fs/cgroup/batch) it governs that\n"
                 "cgroup's subtree; the nearest cgroup policy above a memcg wins. A cgroup has one policy.\n"
                 "Below a policy attached without --allow-override no cgroup may attach its own, and it\n"
                 "cannot attach while one below has its own. Removing the cgroup detaches its policy.\n"
                 "Needs a kernel with cgroup-scoped memcg_ops (make vm-shell boots one) and CAP_SYS_ADMIN.");
  attach->add_option("policy", object, "the policy's .bpf.o")->required();
  auto* cgroup_option = attach->add_option("--cgroup", cgroup, "attach to this cgroup2 directory's subtree");
  attach->add_flag("--allow-override", allow_override,
                   "with --cgroup: let cgroups below attach policies of their own")
      ->needs(cgroup_option);
  attach->add_option("--set", sets, "set a parameter before load: NAME=VALUE");
  attach->add_option("--pin", pin, "pin to this bpffs path, and return");

  auto* detach = app.add_subcommand("detach", "detach a pinned policy");
  detach->add_option("pin", pin_path, "the bpffs path it was pinned at")->required();

  auto* status = app.add_subcommand("status", "the kernel's memcg_ops, and the attached policies with their "
                                              "scope: global, or the cgroup they govern");
  status->add_flag("--json", as_json, "print JSON");

  auto* maps = app.add_subcommand("maps", "dump the maps of an attached policy");
  maps->add_option("policy", target, "a pin path, the attached policy's object, or its name")->required();
  maps->add_flag("--json", as_json, "print JSON");

  auto* trace = app.add_subcommand("trace", "follow the policies' log lines and events");

  auto* check = app.add_subcommand("check", "run the verifier on a policy without attaching it");
  check->add_option("policy", object, "the policy's .bpf.o")->required();
  check->add_option("--set", sets, "set a parameter before load: NAME=VALUE");
  check->add_flag("--json", as_json, "print JSON");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? exit_ok : exit_usage;
  }
  if (*attach)
    return attach_command(object, sets, cgroup, allow_override, pin);
  if (*detach)
    return detach_command(pin_path);
  if (*status)
    return status_command(as_json);
  if (*maps)
    return maps_command(target, as_json);
  if (*trace)
    return trace_command();
  return check_command(object, sets, as_json);
}
