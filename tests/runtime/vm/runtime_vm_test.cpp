// The runtime on the patched kernel, run in the VM: attach and detach,
// optional hooks, EEXIST, pinning, maps, events, 200 cycles under load,
// verifier rejections and missing privileges.
#define DOCTEST_CONFIG_IMPLEMENT
#include "vm_test_support.hpp"

#include <bpf/bpf.h>
#include <signal.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

using vm_test::charge;
using vm_test::object;
using vm_test::open;


// A cgroup limited to max, and its id (its directory's inode number).
std::uint64_t make_cgroup(const std::string& name, const std::string& max) {
  const std::string path = "/sys/fs/cgroup/" + name;
  mkdir(path.c_str(), 0755);
  std::ofstream(path + "/memory.max") << max;
  struct stat st{};
  stat(path.c_str(), &st);
  return st.st_ino;
}

// How many BPF programs, maps and links the kernel holds.
struct census {
  unsigned programs = 0, maps = 0, links = 0;
  bool operator==(const census&) const = default;
};

unsigned count_ids(int (*next_id)(__u32, __u32*)) {
  unsigned count = 0;
  for (__u32 id = 0; next_id(id, &id) == 0;)
    ++count;
  return count;
}

census take_census() {
  return {count_ids(bpf_prog_get_next_id), count_ids(bpf_map_get_next_id), count_ids(bpf_link_get_next_id)};
}

// The census once it holds still: the kernel frees a released program, map
// or link after an RCU grace period, so earlier tests' may still be going.
census settled_census() {
  census last = take_census();
  for (int wait = 0; wait < 100; ++wait) {
    usleep(200 * 1000);
    const census now = take_census();
    if (now == last)
      return now;
    last = now;
  }
  return last;
}

// Lines of the kernel log that say something went wrong.
int kernel_complaints() {
  std::string log(1 << 20, '\0');
  const int size = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, log.data(), static_cast<int>(log.size()));
  REQUIRE(size >= 0);
  log.resize(static_cast<std::size_t>(size));
  int complaints = 0;
  for (const char* marker : {"WARNING:", "BUG:", "refcount_t:", "Oops"})
    for (std::size_t at = log.find(marker); at != std::string::npos; at = log.find(marker, at + 1))
      ++complaints;
  return complaints;
}

} // namespace

TEST_CASE("the patched kernel has memcg_ops and its hook") {
  auto kernel = memcgpp::probe_kernel();
  REQUIRE_MESSAGE(kernel, (kernel ? "" : kernel.err().message()));
  CHECK(kernel->has_hook("try_charge_memcg"));
}

TEST_CASE("attach, see the hook count in a map, detach, attach again") {
  const std::uint64_t batch = make_cgroup("runtime_batch", "16M");
  auto policy = open("reclaim_batch");
  REQUIRE(policy.set_param("batch_cgroup", batch));
  auto link = policy.attach();
  REQUIRE_MESSAGE(link, (link ? "" : link.err().message()));

  CHECK(charge("runtime_batch", 48) == 0);
  CHECK(vm_test::first_count(policy, "raised") > 0);
  auto past_end = policy.map("raised")->update<std::uint32_t, std::uint64_t>(1, 0);
  REQUIRE_FALSE(past_end);
  CHECK(past_end.err().code() == memcgpp::errc::map_access);
  CHECK(past_end.err().message() == "update map raised: it holds at most 1 entry, so its keys run from 0 to 0");
  const auto programs = policy.programs();
  REQUIRE(programs.size() == 1);
  CHECK(programs[0].name == "reclaim_charge");
  CHECK(programs[0].hook == "try_charge_memcg");
  CHECK(programs[0].verified_insns > 0);

  REQUIRE(link->detach());
  auto again = open("reclaim_batch").attach();
  CHECK_MESSAGE(again, (again ? "" : again.err().message()));
}

TEST_CASE("an optional hook this kernel lacks is dropped, with a warning, and the policy runs without it") {
  make_cgroup("runtime_future", "16M");
  std::vector<std::string> warnings;
  auto policy = vm_test::open_path(vm_test::input("future_hook"));
  policy.set_warning_handler([&warnings](const std::string& message) { warnings.push_back(message); });
  auto link = policy.attach();
  REQUIRE_MESSAGE(link, (link ? "" : link.err().message()));
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "future_ops: this kernel has no memcg_ops hook `memcg_future_hook`; the policy marks it "
                       "optional, so it runs without it");
  CHECK(policy.dropped_hooks() == std::vector<std::string>{"memcg_future_hook"});

  CHECK(charge("runtime_future", 24) == 0);
  CHECK(vm_test::first_count(policy, "charges") > 0);
  const auto programs = policy.programs();
  REQUIRE(programs.size() == 1);
  CHECK(programs[0].name == "future_charge");
  CHECK(programs[0].verified_insns > 0);
  REQUIRE(link->detach());

  auto required = vm_test::open_path(vm_test::input("future_hook_required")).attach();
  REQUIRE_FALSE(required);
  CHECK(required.err().code() == memcgpp::errc::kernel_lacks_hook);
  CHECK_MESSAGE(required.err().message().find("hook `memcg_future_hook`, which this kernel lacks") !=
                    std::string::npos,
                required.err().message());
}

TEST_CASE("a second policy is refused while one is attached, and says so") {
  auto first = open("reclaim_batch");
  auto link = first.attach();
  REQUIRE(link);
  auto second = open("keyed").attach();
  REQUIRE_FALSE(second);
  CHECK(second.err().code() == memcgpp::errc::already_attached);
  CHECK_MESSAGE(second.err().message().find("another memcg_ops policy is attached: reclaim_batch (link ") !=
                    std::string::npos,
                second.err().message());
}

TEST_CASE("a pinned policy stays attached until unpinned") {
  const std::string pin = "/sys/fs/bpf/runtime_test_pin";
  {
    auto link = open("reclaim_batch").attach();
    REQUIRE(link);
    REQUIRE(link->pin(pin));
  }
  CHECK_FALSE(open("keyed").attach()); // still attached
  REQUIRE(memcgpp::attachment::unpin(pin));
  CHECK(open("keyed").attach());
  auto missing = memcgpp::attachment::unpin(pin);
  REQUIRE_FALSE(missing);
  CHECK(missing.err().message().find(pin) != std::string::npos);
}

TEST_CASE("maps read typed, per CPU and summed, and events arrive through a callback") {
  make_cgroup("runtime_keyed", "max");
  auto policy = open("keyed");
  REQUIRE(policy.set_param<std::uint32_t>("sample_every", 1));
  auto link = policy.attach();
  REQUIRE(link);
  struct charge_event {
    std::uint64_t cgroup;
    std::uint64_t pages;
  };
  int events = 0;
  auto ring = policy.map("events");
  REQUIRE(ring);
  auto stream = memcgpp::event_stream::open_typed<charge_event>(*ring, [&](const charge_event& e) {
    events += e.pages > 0 ? 1 : 0;
  });
  REQUIRE(stream);
  CHECK(stream->fd() >= 0);
  CHECK(charge("runtime_keyed", 4) == 0);
  auto delivered = stream->poll(1000);
  REQUIRE(delivered);
  CHECK(events > 0);

  struct charge_key {
    std::uint64_t cgroup;
    std::uint32_t failed;
    std::uint32_t pad;
  };
  auto charges = policy.map("charges");
  REQUIRE(charges);
  auto entries = charges->entries<charge_key, std::uint64_t>();
  REQUIRE(entries);
  CHECK_FALSE(entries->empty());

  // Detached, so that the counts hold still while they are read.
  REQUIRE(link->detach());
  auto per_cpu = policy.map("calls_per_cpu");
  REQUIRE(per_cpu);
  auto each = per_cpu->lookup_per_cpu<std::uint32_t, std::uint64_t>(0);
  auto summed = per_cpu->lookup<std::uint32_t, std::uint64_t>(0);
  REQUIRE(each);
  REQUIRE(summed);
  CHECK(each->size() == memcgpp::map_view::possible_cpus());
  std::uint64_t total = 0;
  for (const auto value : *each)
    total += value;
  CHECK(total > 0);
  CHECK(summed->value_or(0) == total);
  auto calls = policy.map("calls")->lookup<std::uint32_t, std::uint64_t>(0);
  REQUIRE(calls);
  CHECK(calls->value_or(0) == total); // the hook counted every call in both
}

TEST_CASE("200 attach and detach cycles under a charging workload leave nothing behind, and no kernel warning") {
  const std::uint64_t busy = make_cgroup("runtime_cycles", "16M");
  const census before = settled_census();
  const int warnings_before = kernel_complaints();
  const pid_t workload = fork();
  if (workload == 0)
    for (;;)
      charge("runtime_cycles", 32);

  for (int cycle = 0; cycle < 200; ++cycle) {
    auto policy = open("reclaim_batch");
    REQUIRE(policy.set_param("batch_cgroup", busy));
    // Every other one on the cgroup, and every fourth by explicit detach,
    // the others as the link goes out of scope.
    auto link = cycle % 2 ? policy.attach_to_cgroup("/sys/fs/cgroup/runtime_cycles") : policy.attach();
    REQUIRE_MESSAGE(link, "cycle " << cycle << ": " << (link ? "" : link.err().message()));
    if (cycle % 4 < 2)
      REQUIRE(link->detach());
  }
  kill(workload, SIGKILL);
  waitpid(workload, nullptr, 0);

  const census after = settled_census();
  CHECK(after.programs == before.programs);
  CHECK(after.maps == before.maps);
  CHECK(after.links == before.links);
  CHECK(kernel_complaints() == warnings_before);
}

TEST_CASE("a verifier rejection names the policy's source line") {
  auto policy = open("verifier_hostile");
  auto loaded = policy.load();
  REQUIRE_FALSE(loaded);
  CHECK(loaded.err().code() == memcgpp::errc::verifier_rejected);
  CHECK_MESSAGE(loaded.err().message().find("verifier_hostile.cpp:13") != std::string::npos,
                loaded.err().message());
  CHECK(loaded.err().message().find("map_value_or_null") != std::string::npos);
}

TEST_CASE("without privileges, the error names the capabilities") {
  vm_test::check_in_child([] {
    // Opened while privileged; an unprivileged user has none of CAP_BPF,
    // CAP_PERFMON and CAP_SYS_ADMIN for the load.
    auto policy = memcgpp::policy_object::open_file(object("reclaim_batch"));
    if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0)
      return 2;
    auto loaded = policy ? policy->load() : memcgpp::status(policy.err());
    const bool named = !loaded && loaded.err().code() == memcgpp::errc::permission_denied &&
                       loaded.err().message().find("CAP_BPF") != std::string::npos;
    if (!named)
      std::fprintf(stderr, "unprivileged load: %s\n", loaded ? "succeeded" : loaded.err().message().c_str());
    return named ? 0 : 1;
  });
}

int main(int argc, char** argv) { return vm_test::run_vm_tests(argc, argv); }
