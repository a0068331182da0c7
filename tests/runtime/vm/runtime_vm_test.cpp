// The runtime on the patched kernel, run in the VM: attach and detach,
// EEXIST, pinning, maps, events, verifier rejections and missing privileges.
#define DOCTEST_CONFIG_IMPLEMENT
#include "vm_test_support.hpp"

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
