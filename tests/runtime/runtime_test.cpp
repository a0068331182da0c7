// The runtime without a kernel: opening objects, and every error it can
// report before the kernel is involved.
#include <doctest/doctest.h>

#include <memcgpp/runtime.hpp>

#include <cstdint>
#include <fstream>
#include <string>

#include "verifier_log.hpp"

#ifndef TEST_OBJECTS
#error "TEST_OBJECTS: the directory of the compiled test objects"
#endif

namespace {

std::string object(const std::string& name) { return std::string(TEST_OBJECTS) + "/" + name; }

bool mentions(const memcgpp::error& e, const std::string& text) {
  return e.message().find(text) != std::string::npos;
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
