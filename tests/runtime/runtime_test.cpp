// The runtime without a kernel: opening objects, and every error it can
// report before the kernel is involved.
#include <doctest/doctest.h>

#include <memcgpp/runtime.hpp>

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cgroup_conflict.hpp"
#include "host_support.hpp"
#include "verifier_log.hpp"

namespace {

using host_support::mentions;
using host_support::object;

std::string fmt_fd(int fd) { return "fd " + std::to_string(fd); }

std::uint64_t inode(const std::string& path) {
  struct stat st{};
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_ino;
}

// A policy attached through a link, as attached_policies() lists it.
memcgpp::attached_policy attached(const std::string& name, std::uint32_t link, std::uint64_t cgroup,
                                  const std::string& path) {
  memcgpp::attached_policy policy;
  policy.name = name;
  policy.link_id = link;
  policy.cgroup_id = cgroup;
  policy.cgroup_path = path;
  return policy;
}

} // namespace

TEST_CASE("a missing file says which, and what to check") {
  auto policy = memcgpp::policy_object::open_file("/nonexistent/policy.bpf.o");
  REQUIRE_FALSE(policy);
  CHECK(policy.err().code() == memcgpp::errc::file_unreadable);
  CHECK(mentions(policy.err(), "cannot read /nonexistent/policy.bpf.o: No such file or directory"));
  CHECK(mentions(policy.err(), "check the path"));
}

TEST_CASE("a file that is not ELF, or ELF for another machine, is not a policy") {
  const std::string text = object("not_elf.txt");
  std::ofstream(text) << "just text\n";
  auto not_elf = memcgpp::policy_object::open_file(text);
  REQUIRE_FALSE(not_elf);
  CHECK(not_elf.err().code() == memcgpp::errc::not_bpf_object);
  CHECK(mentions(not_elf.err(), "is not an ELF object: compile the policy with memcgpp-compile"));

  auto native = memcgpp::policy_object::open_file("/proc/self/exe");
  REQUIRE_FALSE(native);
  CHECK(native.err().code() == memcgpp::errc::not_bpf_object);
  CHECK(mentions(native.err(), "another machine, not BPF"));
}

TEST_CASE("a truncated or corrupt object is refused, and says what libbpf found") {
  std::ifstream in(object("reclaim_batch.bpf.o"), std::ios::binary);
  const std::vector<unsigned char> whole((std::istreambuf_iterator<char>(in)), {});
  REQUIRE(whole.size() > 1000);

  const std::vector<unsigned char> truncated(whole.begin(), whole.begin() + 1000);
  auto cut = memcgpp::policy_object::open_memory(truncated, "cut.bpf.o");
  REQUIRE_FALSE(cut);
  CHECK(cut.err().code() == memcgpp::errc::not_bpf_object);
  CHECK(mentions(cut.err(), "cut.bpf.o is not a BPF object libbpf can open"));

  // Section headers that point past the end of the file.
  std::vector<unsigned char> corrupt = whole;
  auto* header = reinterpret_cast<Elf64_Ehdr*>(corrupt.data());
  header->e_shoff = corrupt.size() + 4096;
  auto bad = memcgpp::policy_object::open_memory(corrupt, "bad.bpf.o");
  REQUIRE_FALSE(bad);
  CHECK(bad.err().code() == memcgpp::errc::not_bpf_object);
  CHECK(mentions(bad.err(), "bad.bpf.o is not a BPF object libbpf can open"));
}

TEST_CASE("a BPF object without memcg_ops is not a policy") {
  auto policy = memcgpp::policy_object::open_file(object("no_struct_ops.bpf.o"));
  REQUIRE_FALSE(policy);
  CHECK(policy.err().code() == memcgpp::errc::no_struct_ops);
  CHECK(mentions(policy.err(), "has no memcg_ops struct_ops map"));
}

TEST_CASE("a compiled policy opens, with its name, hooks and parameters") {
  auto policy = memcgpp::policy_object::open_file(object("reclaim_batch.bpf.o"));
  REQUIRE(policy);
  CHECK(policy->name() == "reclaim_batch");
  CHECK(policy->hooks() == std::vector<std::string>{"try_charge_memcg"});
  CHECK(policy->params() == std::vector<std::string>{"batch_cgroup"});
  CHECK(policy->set_param<std::uint64_t>("batch_cgroup", 42));
  CHECK(policy->set_param_text("batch_cgroup", "0x2a"));

  auto unknown = policy->set_param<std::uint64_t>("batch", 1);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.err().code() == memcgpp::errc::not_found);
  CHECK(mentions(unknown.err(), "has no parameter batch (its parameters: batch_cgroup)"));
  auto narrow = policy->set_param<std::uint32_t>("batch_cgroup", 1);
  REQUIRE_FALSE(narrow);
  CHECK(mentions(narrow.err(), "takes 8 bytes, not 4"));
  auto words = policy->set_param_text("batch_cgroup", "twelve");
  REQUIRE_FALSE(words);
  CHECK(mentions(words.err(), "`twelve` is not an integer of 8 bytes"));
}

TEST_CASE("a .struct_ops.link object opens with any libbpf") {
  auto policy = memcgpp::policy_object::open_file(object("link_style.bpf.o"));
  REQUIRE(policy);
  CHECK(policy->name() == "link_style_ops");
  CHECK(policy->hooks() == std::vector<std::string>{"try_charge_memcg"});
}

TEST_CASE("from a skeleton's embedded bytes") {
  std::ifstream in(object("reclaim_batch.bpf.o"), std::ios::binary);
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), {});
  auto policy = memcgpp::policy_object::open_memory(bytes, "reclaim_batch.bpf.o");
  REQUIRE(policy);
  CHECK(policy->name() == "reclaim_batch");
}

TEST_CASE("a kernel without memcg_ops, or without a hook, is named as such") {
  // BTF without memcg_ops, as a kernel without the patch has.
  auto kernel = memcgpp::probe_kernel(object("no_struct_ops.bpf.o"));
  REQUIRE_FALSE(kernel);
  CHECK(kernel.err().code() == memcgpp::errc::kernel_lacks_memcg_ops);
  CHECK(mentions(kernel.err(), "has no memcg_ops: boot a kernel with the memcgpp patch series (make vm-shell"));

  auto policy = memcgpp::policy_object::open_file(object("reclaim_batch.bpf.o"));
  REQUIRE(policy);
  auto loaded = policy->load(memcgpp::kernel_features{{"some_other_hook"}});
  REQUIRE_FALSE(loaded);
  CHECK(loaded.err().code() == memcgpp::errc::kernel_lacks_hook);
  CHECK(mentions(loaded.err(), "implements the memcg_ops hook `try_charge_memcg`, which this kernel lacks"));
}

TEST_CASE("typed map access checks the types against the map") {
  const memcgpp::map_view view(-1, "raised", 2, 4, 8, 1);
  auto wrong = view.lookup<std::uint64_t, std::uint64_t>(0);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.err().code() == memcgpp::errc::invalid_argument);
  CHECK(mentions(wrong.err(), "map raised has 4-byte keys and 8-byte values, not 8 and 8"));
}

TEST_CASE("a map that is not open is a map access error that says when maps can be read") {
  const memcgpp::map_view view(-1, "raised", 2, 4, 8, 1);
  auto closed = view.lookup<std::uint32_t, std::uint64_t>(0);
  REQUIRE_FALSE(closed);
  CHECK(closed.err().code() == memcgpp::errc::map_access);
  CHECK(mentions(closed.err(), "look up in map raised: the map is not open; maps are read after the policy is "
                               "loaded"));
  auto update = view.update<std::uint32_t, std::uint64_t>(0, 1);
  REQUIRE_FALSE(update);
  CHECK(update.err().code() == memcgpp::errc::map_access);
  auto keys = view.entries<std::uint32_t, std::uint64_t>();
  REQUIRE_FALSE(keys);
  CHECK(mentions(keys.err(), "iterate map raised: the map is not open"));
}

TEST_CASE("a verifier rejection names the reason and the policy's line") {
  const std::string libbpf_output =
      "libbpf: prog 'hostile_charge': BPF program load failed: Permission denied\n"
      "libbpf: prog 'hostile_charge': -- BEGIN PROG LOAD LOG --\n"
      "0: R1=ctx() R10=fp0\n"
      "; auto count = counts.lookup(c.memcg().id()); @ verifier_hostile.cpp:12\n"
      "5: (85) call bpf_map_lookup_elem#1\n"
      "; *count += 1; // REJECTED HERE @ verifier_hostile.cpp:13\n"
      "6: (79) r1 = *(u64 *)(r0 +0)\n"
      "R0 invalid mem access 'map_value_or_null'\n"
      "processed 6 insns (limit 1000000) max_states_per_insn 0 total_states 0\n"
      "-- END PROG LOAD LOG --\n";
  const std::string message = memcgpp::detail::describe_verifier_rejection(libbpf_output);
  CHECK(message.find("the verifier rejected program `hostile_charge`: R0 invalid mem access "
                     "'map_value_or_null'") == 0);
  CHECK(message.find("at verifier_hostile.cpp:13: *count += 1;") != std::string::npos);
  CHECK(memcgpp::detail::describe_verifier_rejection("libbpf: failed to open\n").empty());
}

TEST_CASE("a cgroup that is missing, a file, or not on cgroup2 is refused before the kernel is asked") {
  auto policy = memcgpp::policy_object::open_file(object("reclaim_batch.bpf.o"));
  REQUIRE(policy);

  auto missing = policy->attach_to_cgroup("/nonexistent/cgroup");
  REQUIRE_FALSE(missing);
  CHECK(missing.err().code() == memcgpp::errc::not_a_cgroup);
  CHECK(mentions(missing.err(), "cgroup /nonexistent/cgroup does not exist: give the path of a cgroup2 directory, "
                                "or make one with mkdir"));

  auto file = policy->attach_to_cgroup(object("reclaim_batch.bpf.o"));
  REQUIRE_FALSE(file);
  CHECK(file.err().code() == memcgpp::errc::not_a_cgroup);
  CHECK(mentions(file.err(), "reclaim_batch.bpf.o is not a directory: a cgroup is a directory of the cgroup2 "
                             "filesystem"));

  // A directory of another filesystem: the test objects' own.
  auto plain = policy->attach_to_cgroup(TEST_OBJECTS, {.allow_override = true});
  REQUIRE_FALSE(plain);
  CHECK(plain.err().code() == memcgpp::errc::not_a_cgroup);
  CHECK(mentions(plain.err(), std::string(TEST_OBJECTS) + " is not a cgroup2 directory: it is on "));
  CHECK(mentions(plain.err(), "memcg_ops policies attach to cgroup2 cgroups"));

  auto proc = memcgpp::cgroup_dir::open("/proc");
  REQUIRE_FALSE(proc);
  CHECK(mentions(proc.err(), "/proc is not a cgroup2 directory: it is on procfs"));
}

TEST_CASE("a cgroup given as an fd is checked the same way, and named by its path") {
  auto policy = memcgpp::policy_object::open_file(object("reclaim_batch.bpf.o"));
  REQUIRE(policy);

  auto closed = policy->attach_to_cgroup_fd(-1);
  REQUIRE_FALSE(closed);
  CHECK(closed.err().code() == memcgpp::errc::not_a_cgroup);
  CHECK(mentions(closed.err(), "fd -1 is not an open file descriptor: open the cgroup's directory (O_RDONLY | "
                               "O_DIRECTORY) and pass its fd"));

  const int file = open(object("reclaim_batch.bpf.o").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(file >= 0);
  auto not_dir = policy->attach_to_cgroup_fd(file);
  REQUIRE_FALSE(not_dir);
  CHECK(mentions(not_dir.err(), "reclaim_batch.bpf.o) is not a directory"));
  close(file);

  const int dir = open(TEST_OBJECTS, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(dir >= 0);
  auto not_cgroup = policy->attach_to_cgroup_fd(dir);
  REQUIRE_FALSE(not_cgroup);
  CHECK(not_cgroup.err().code() == memcgpp::errc::not_a_cgroup);
  CHECK(mentions(not_cgroup.err(), fmt_fd(dir) + " (" + std::string(TEST_OBJECTS) + ") is not a cgroup2 directory"));
  CHECK(fcntl(dir, F_GETFD) >= 0); // still the caller's
  close(dir);
}

TEST_CASE("cgroup-scoped attach needs memcg_ops with memcg_uncharged, and says which kernel to boot") {
  // The BTF of a kernel with the first series only: memcg_ops, global.
  auto global_only = memcgpp::probe_kernel(object("reclaim_batch.bpf.o"));
  REQUIRE(global_only);
  CHECK(global_only->has_hook("try_charge_memcg"));
  CHECK_FALSE(global_only->cgroup_scoped());
  auto refused = global_only->require_cgroup_scope();
  REQUIRE_FALSE(refused);
  CHECK(refused.err().code() == memcgpp::errc::kernel_lacks_cgroup_scope);
  CHECK(mentions(refused.err(), "attaches memcg_ops policies only globally: its memcg_ops has no memcg_uncharged "
                                "member, which comes with cgroup-scoped policies"));
  CHECK(mentions(refused.err(), "make vm-shell boots one"));
  CHECK(mentions(refused.err(), "or attach the policy globally, without a cgroup"));

  // The BTF of a kernel with cgroup-scoped policies.
  auto scoped = memcgpp::probe_kernel(object("scoped_btf.bpf.o"));
  REQUIRE(scoped);
  CHECK(scoped->has_hook("memcg_uncharged"));
  CHECK(scoped->cgroup_scoped());
  CHECK(scoped->require_cgroup_scope());
}

TEST_CASE("this machine's kernel, without the memcgpp series, refuses a cgroup attach and says why") {
  const std::string mount = memcgpp::cgroup2_mount();
  if (mount.empty()) {
    MESSAGE("skipped: no cgroup2 mount on this machine");
    return;
  }
  auto root = memcgpp::cgroup_dir::open(mount);
  REQUIRE_MESSAGE(root, (root ? "" : root.err().message()));
  CHECK(root->path() == mount);
  CHECK(root->id() == inode(mount));
  CHECK(root->ancestor_ids().empty());
  CHECK(memcgpp::cgroup_paths({root->id()}).at(root->id()) == mount);
  CHECK(memcgpp::cgroup_paths({~std::uint64_t{0}}).empty());

  auto kernel = memcgpp::probe_kernel();
  auto policy = memcgpp::policy_object::open_file(object("reclaim_batch.bpf.o"));
  REQUIRE(policy);
  auto link = policy->attach_to_cgroup(mount);
  REQUIRE_FALSE(link);
  if (!kernel) {
    CHECK(link.err().code() == memcgpp::errc::kernel_lacks_memcg_ops);
    CHECK(mentions(link.err(), "has no memcg_ops: boot a kernel with the memcgpp patch series"));
  } else if (!kernel->cgroup_scoped()) {
    CHECK(link.err().code() == memcgpp::errc::kernel_lacks_cgroup_scope);
  } else {
    MESSAGE("this kernel has cgroup-scoped memcg_ops; the VM tests cover it");
  }
}

TEST_CASE("a cgroup without the memory controller says how to enable it") {
  const std::string mount = memcgpp::cgroup2_mount();
  if (mount.empty()) {
    MESSAGE("skipped: no cgroup2 mount on this machine");
    return;
  }
  auto root = memcgpp::cgroup_dir::open(mount);
  REQUIRE(root);
  std::ifstream controllers(mount + "/cgroup.controllers");
  std::stringstream text;
  text << controllers.rdbuf();
  const bool has_memory = (" " + text.str()).find(" memory") != std::string::npos;
  auto memory = root->require_memory_controller();
  CHECK(bool(memory) == has_memory);
  if (!memory) {
    CHECK(memory.err().code() == memcgpp::errc::not_a_cgroup);
    CHECK(mentions(memory.err(), "has no memory controller: on this machine the controller is not on the cgroup2 "
                                 "hierarchy"));
  }
}

TEST_CASE("EBUSY on a cgroup attach names the policy in the way") {
  // /a (id 10) > /a/b (id 11) > /a/b/c (id 12), and /a/b/c/d (id 13) below.
  memcgpp::detail::cgroup_target c{"keyed", "/sys/fs/cgroup/a/b/c", 12, {11, 10, 1}, {13}, false};
  const auto global = attached("reclaim_batch", 3, 0, "");

  SUBCASE("the cgroup has a policy") {
    const auto e = memcgpp::detail::describe_cgroup_conflict(
        c, {global, attached("printk", 7, 12, "/sys/fs/cgroup/a/b/c")});
    CHECK(e.code() == memcgpp::errc::already_attached);
    CHECK(mentions(e, "cannot attach keyed to cgroup /sys/fs/cgroup/a/b/c: printk (link 7) is attached to that "
                      "cgroup already, and a cgroup has one policy; detach it first"));
  }
  SUBCASE("an ancestor's policy does not allow override: the nearest one is named") {
    c.allow_override = true;
    const auto e = memcgpp::detail::describe_cgroup_conflict(
        c, {global, attached("outer", 5, 10, "/sys/fs/cgroup/a"), attached("inner", 6, 11, "/sys/fs/cgroup/a/b")});
    CHECK(mentions(e, "cannot attach keyed to cgroup /sys/fs/cgroup/a/b/c: its ancestor /sys/fs/cgroup/a/b has "
                      "inner (link 6), attached without allow_override (--allow-override), so no cgroup below it "
                      "may have a policy of its own"));
  }
  SUBCASE("a cgroup below has its own, and the attach does not allow override") {
    const auto e = memcgpp::detail::describe_cgroup_conflict(
        c, {attached("outer", 5, 10, "/sys/fs/cgroup/a"), attached("deep", 9, 13, "/sys/fs/cgroup/a/b/c/d")});
    CHECK(mentions(e, "cannot attach keyed to cgroup /sys/fs/cgroup/a/b/c without allow_override "
                      "(--allow-override): cgroups below it have policies of their own (deep (link 9) on "
                      "/sys/fs/cgroup/a/b/c/d)"));
  }
  SUBCASE("a cgroup the walk did not find is named by its id") {
    c.allow_override = true;
    const auto e = memcgpp::detail::describe_cgroup_conflict(c, {attached("outer", 5, 11, "")});
    CHECK(mentions(e, "its ancestor cgroup 11 has outer (link 5)"));
  }
  SUBCASE("no policy memcgpp can see") {
    const auto e = memcgpp::detail::describe_cgroup_conflict(c, {global});
    CHECK(e.code() == memcgpp::errc::already_attached);
    CHECK(mentions(e, "the kernel says a policy is in the way (EBUSY)"));
    CHECK(mentions(e, "`memcgpp status` lists the attached policies"));
  }
}

TEST_CASE("a policy's scope: global, its cgroup's path, or the cgroup's id") {
  CHECK(attached("p", 1, 0, "").scope() == "global");
  CHECK(attached("p", 1, 0, "").global());
  CHECK(attached("p", 1, 42, "/sys/fs/cgroup/batch").scope() == "/sys/fs/cgroup/batch");
  CHECK(attached("p", 1, 42, "").scope() == "cgroup 42");
}
