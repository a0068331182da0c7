// Cgroup-scoped policies through the runtime, on the patched kernel, run in
// the VM: attach by path and by fd, allow_override and the EBUSY cases with
// the policy they name, one policy on several cgroups, which policy governs
// a memcg, detach, removal of the cgroup, missing privileges, and a policy
// whose optional hook the kernel lacks.
#define DOCTEST_CONFIG_IMPLEMENT
#include "vm_test_support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace {

using vm_test::charge;
using vm_test::object;
using vm_test::open;

const std::string root = "/sys/fs/cgroup";

// Makes ROOT/path, its parents first, each delegating the memory controller
// to its children (a cgroup that does cannot hold processes, so the last
// does not); returns its id.
std::uint64_t make_cgroup(const std::string& path) {
  std::string at = root;
  for (std::size_t start = 0; start <= path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (start > 0)
      std::ofstream(at + "/cgroup.subtree_control") << "+memory";
    at += "/" + path.substr(start, end - start);
    mkdir(at.c_str(), 0755);
    start = end + 1;
  }
  struct stat st{};
  REQUIRE(stat(at.c_str(), &st) == 0);
  return st.st_ino;
}

// The keyed policy's charges, by cgroup id.
struct charge_key {
  std::uint64_t cgroup;
  std::uint32_t failed;
  std::uint32_t pad;
};

bool saw(const memcgpp::policy_object& keyed, std::uint64_t cgroup) {
  auto charges = keyed.map("charges");
  REQUIRE(charges);
  auto entries = charges->entries<charge_key, std::uint64_t>();
  REQUIRE(entries);
  return std::any_of(entries->begin(), entries->end(), [&](const auto& e) { return e.first.cgroup == cgroup; });
}

// The attached policy with this link id, if listed.
std::optional<memcgpp::attached_policy> listed(std::uint32_t link_id) {
  auto all = memcgpp::attached_policies();
  REQUIRE(all);
  for (const auto& policy : *all)
    if (policy.link_id == link_id)
      return policy;
  return std::nullopt;
}

std::uint32_t link_id(const memcgpp::attachment& link) {
  auto all = memcgpp::attached_policies();
  REQUIRE(all);
  // The newest link is the highest id; the caller just made it.
  std::uint32_t newest = 0;
  for (const auto& policy : *all)
    newest = std::max(newest, policy.link_id);
  CHECK(link.attached());
  return newest;
}

bool mentions(const memcgpp::error& e, const std::string& text) {
  return e.message().find(text) != std::string::npos;
}

} // namespace

TEST_CASE("the kernel has cgroup-scoped memcg_ops") {
  auto kernel = memcgpp::probe_kernel();
  REQUIRE_MESSAGE(kernel, (kernel ? "" : kernel.err().message()));
  CHECK(kernel->cgroup_scoped());
  CHECK(kernel->require_cgroup_scope());
}

TEST_CASE("nesting: override allowed at level 1, level 2 attaches, level 3 below it is refused") {
  const std::uint64_t l1 = make_cgroup("nest1");
  const std::uint64_t l2 = make_cgroup("nest1/nest2");
  make_cgroup("nest1/nest2/nest3");

  auto outer = open("keyed");
  auto first = outer.attach_to_cgroup(root + "/nest1", {.allow_override = true});
  REQUIRE_MESSAGE(first, (first ? "" : first.err().message()));
  const auto first_id = link_id(*first);
  auto first_listed = listed(first_id);
  REQUIRE(first_listed);
  CHECK(first_listed->name == "keyed");
  CHECK(first_listed->cgroup_id == l1);
  CHECK(first_listed->cgroup_path == root + "/nest1");
  CHECK(first_listed->scope() == root + "/nest1");

  // Level 2, by an fd, without override.
  const int fd = ::open((root + "/nest1/nest2").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  auto middle = open("reclaim_batch");
  auto second = middle.attach_to_cgroup_fd(fd);
  close(fd);
  REQUIRE_MESSAGE(second, (second ? "" : second.err().message()));
  const auto second_id = link_id(*second);
  REQUIRE(listed(second_id));
  CHECK(listed(second_id)->cgroup_id == l2);

  // Level 3: level 2's policy does not allow override.
  auto third = open("printk").attach_to_cgroup(root + "/nest1/nest2/nest3", {.allow_override = true});
  REQUIRE_FALSE(third);
  CHECK(third.err().code() == memcgpp::errc::already_attached);
  CHECK_MESSAGE(mentions(third.err(), "cannot attach memcg_printk to cgroup " + root +
                                          "/nest1/nest2/nest3: its ancestor " + root + "/nest1/nest2 has " +
                                          "reclaim_batch (link " + std::to_string(second_id) +
                                          "), attached without allow_override"),
                third.err().message());

  // A cgroup has one policy.
  auto again = open("printk").attach_to_cgroup(root + "/nest1/nest2");
  REQUIRE_FALSE(again);
  CHECK_MESSAGE(mentions(again.err(), "reclaim_batch (link " + std::to_string(second_id) +
                                          ") is attached to that cgroup already"),
                again.err().message());

  // Detaching level 2 lets level 3 attach under level 1's override.
  REQUIRE(second->detach());
  CHECK_FALSE(listed(second_id));
  auto later = open("printk").attach_to_cgroup(root + "/nest1/nest2/nest3");
  CHECK_MESSAGE(later, (later ? "" : later.err().message()));
}

TEST_CASE("without allow_override, a cgroup whose descendant has a policy is refused, and the descendant named") {
  make_cgroup("desc1/desc2");
  auto inner = open("reclaim_batch").attach_to_cgroup(root + "/desc1/desc2");
  REQUIRE_MESSAGE(inner, (inner ? "" : inner.err().message()));
  const auto inner_id = link_id(*inner);

  auto strict = open("keyed").attach_to_cgroup(root + "/desc1");
  REQUIRE_FALSE(strict);
  CHECK(strict.err().code() == memcgpp::errc::already_attached);
  CHECK_MESSAGE(mentions(strict.err(), "without allow_override (--allow-override): cgroups below it have policies "
                                       "of their own (reclaim_batch (link " +
                                           std::to_string(inner_id) + ") on " + root + "/desc1/desc2)"),
                strict.err().message());
  auto lenient = open("keyed").attach_to_cgroup(root + "/desc1", {.allow_override = true});
  CHECK_MESSAGE(lenient, (lenient ? "" : lenient.err().message()));
}

TEST_CASE("the nearest cgroup policy governs a memcg, the global one the rest, and detach restores the ancestor's") {
  make_cgroup("gov");
  make_cgroup("gov/lower");
  const std::uint64_t deep = make_cgroup("gov/lower/deep");
  const std::uint64_t side = make_cgroup("gov/side");
  const std::uint64_t elsewhere = make_cgroup("gov_elsewhere");

  auto outer = open("keyed");
  auto inner = open("keyed");
  auto global = open("keyed");
  auto outer_link = outer.attach_to_cgroup(root + "/gov", {.allow_override = true});
  REQUIRE_MESSAGE(outer_link, (outer_link ? "" : outer_link.err().message()));
  auto inner_link = inner.attach_to_cgroup(root + "/gov/lower");
  REQUIRE_MESSAGE(inner_link, (inner_link ? "" : inner_link.err().message()));
  auto global_link = global.attach();
  REQUIRE_MESSAGE(global_link, (global_link ? "" : global_link.err().message()));

  REQUIRE(charge("gov/lower/deep", 8) == 0);
  REQUIRE(charge("gov/side", 8) == 0);
  REQUIRE(charge("gov_elsewhere", 8) == 0);
  CHECK(saw(inner, deep));
  CHECK_FALSE(saw(outer, deep));
  CHECK_FALSE(saw(global, deep));
  CHECK(saw(outer, side));
  CHECK_FALSE(saw(inner, side));
  CHECK_FALSE(saw(global, side));
  CHECK(saw(global, elsewhere));
  CHECK_FALSE(saw(outer, elsewhere));

  REQUIRE(inner_link->detach());
  REQUIRE(charge("gov/lower/deep", 8) == 0);
  CHECK(saw(outer, deep));
}

TEST_CASE("one loaded policy attaches to several cgroups, one link each") {
  const std::uint64_t a = make_cgroup("multi_a");
  const std::uint64_t b = make_cgroup("multi_b");
  auto policy = open("keyed");
  auto on_a = policy.attach_to_cgroup(root + "/multi_a");
  REQUIRE_MESSAGE(on_a, (on_a ? "" : on_a.err().message()));
  const auto a_id = link_id(*on_a);
  auto on_b = policy.attach_to_cgroup(root + "/multi_b");
  REQUIRE_MESSAGE(on_b, (on_b ? "" : on_b.err().message()));
  const auto b_id = link_id(*on_b);
  CHECK(a_id != b_id);
  REQUIRE(listed(a_id));
  REQUIRE(listed(b_id));
  CHECK(listed(a_id)->cgroup_id == a);
  CHECK(listed(b_id)->cgroup_id == b);
  CHECK(listed(a_id)->map_id == listed(b_id)->map_id);
  // And globally too, the same map.
  auto global = policy.attach();
  CHECK_MESSAGE(global, (global ? "" : global.err().message()));

  REQUIRE(charge("multi_b", 8) == 0);
  CHECK(saw(policy, b));
}

TEST_CASE("removing the cgroup detaches its policy: the link hangs up and is no longer listed") {
  make_cgroup("removed");
  auto policy = open("reclaim_batch");
  auto link = policy.attach_to_cgroup(root + "/removed");
  REQUIRE_MESSAGE(link, (link ? "" : link.err().message()));
  const auto id = link_id(*link);
  CHECK(link->attached());
  REQUIRE(rmdir((root + "/removed").c_str()) == 0);
  // The kernel detaches it from a work item, soon after.
  pollfd fd{link->fd(), POLLIN, 0};
  REQUIRE(poll(&fd, 1, 5000) == 1);
  CHECK((fd.revents & POLLHUP) != 0);
  CHECK_FALSE(link->attached());
  CHECK_FALSE(listed(id));
  CHECK(link->detach()); // detaching what the kernel detached is fine
}

TEST_CASE("without CAP_SYS_ADMIN, a cgroup attach says which capability it needs") {
  make_cgroup("unprivileged");
  chmod("/", 0755); // the VM's initramfs root is 0700, unlike a real system's
  vm_test::check_in_child([] {
    // Loaded while privileged; the attach is not.
    auto policy = memcgpp::policy_object::open_file(object("reclaim_batch"));
    auto loaded = policy ? policy->load() : memcgpp::status(policy.err());
    if (!loaded || setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0)
      return 2;
    auto link = policy->attach_to_cgroup(root + "/unprivileged");
    const bool named = !link && link.err().code() == memcgpp::errc::permission_denied &&
                       link.err().message().find("needs CAP_SYS_ADMIN") != std::string::npos;
    if (!named)
      std::fprintf(stderr, "unprivileged attach: %s\n", link ? "succeeded" : link.err().message().c_str());
    return named ? 0 : 1;
  });
}

TEST_CASE("a cgroup without the memory controller is refused with the way to enable it") {
  mkdir((root + "/nomem").c_str(), 0755);
  mkdir((root + "/nomem/child").c_str(), 0755); // nomem delegates no controller
  auto link = open("reclaim_batch").attach_to_cgroup(root + "/nomem/child");
  REQUIRE_FALSE(link);
  CHECK(link.err().code() == memcgpp::errc::not_a_cgroup);
  CHECK_MESSAGE(mentions(link.err(), "cgroup " + root + "/nomem/child has no memory controller: enable it for the "
                                     "children of its parent (echo +memory > " + root +
                                         "/nomem/cgroup.subtree_control)"),
                link.err().message());
}

TEST_CASE("a policy without its optional hook attaches to a cgroup and governs it") {
  make_cgroup("future_scope/work");
  auto policy = vm_test::open_path(vm_test::input("future_hook"));
  policy.set_warning_handler({});
  auto link = policy.attach_to_cgroup(root + "/future_scope");
  REQUIRE_MESSAGE(link, (link ? "" : link.err().message()));
  CHECK(policy.dropped_hooks() == std::vector<std::string>{"memcg_future_hook"});
  CHECK(charge("future_scope/work", 8) == 0);
  CHECK(vm_test::first_count(policy, "charges") > 0);
}

int main(int argc, char** argv) { return vm_test::run_vm_tests(argc, argv); }
