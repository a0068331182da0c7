// Optional hooks without a kernel: policies adapted to the features of
// kernels that lack some of their hooks. What the runtime makes of the
// object is read back through libbpf, which gives it to the kernel.
#include <doctest/doctest.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "elf_view.hpp"
#include "host_support.hpp"
#include "optional_hooks.hpp"

namespace {

using host_support::mentions;
using host_support::object;
using names = std::vector<std::string>;

// The memcgpp series before get_high_delay_ms.
const memcgpp::kernel_features kernel_without_throttle{{"try_charge_memcg", "memcg_uncharged", "below_low", "below_min"}};

memcgpp::policy_object open_quietly(const std::string& name, names& warnings) {
  auto policy = memcgpp::policy_object::open_file(object(name));
  REQUIRE_MESSAGE(policy, (policy ? "" : policy.err().message()));
  policy->set_warning_handler([&warnings](const std::string& message) { warnings.push_back(message); });
  return std::move(policy).value();
}

names struct_members(const bpf_object* object, const char* type) {
  const btf* types = bpf_object__btf(object);
  const btf_type* ops = btf__type_by_id(types, btf__find_by_name_kind(types, type, BTF_KIND_STRUCT));
  names out;
  for (int i = 0; i < btf_vlen(ops); ++i)
    out.emplace_back(btf__name_by_offset(types, btf_members(ops)[i].name_off));
  return out;
}

names loaded_programs(const memcgpp::policy_object& policy) {
  names out;
  for (const auto& program : policy.programs())
    out.push_back(program.name);
  return out;
}

// A .rodata variable's value in an object not yet loaded.
std::uint32_t rodata_u32(const bpf_object* object, const std::string& name) {
  const btf* types = bpf_object__btf(object);
  const btf_type* sec = btf__type_by_id(types, btf__find_by_name_kind(types, ".rodata", BTF_KIND_DATASEC));
  bpf_map* rodata = nullptr;
  bpf_map* map;
  bpf_object__for_each_map(map, object) if (std::string(bpf_map__name(map)).ends_with(".rodata")) rodata = map;
  REQUIRE(rodata);
  std::size_t size = 0;
  const auto* data = static_cast<const unsigned char*>(bpf_map__initial_value(rodata, &size));
  for (int i = 0; i < btf_vlen(sec); ++i) {
    const btf_var_secinfo& var = btf_var_secinfos(sec)[i];
    if (name == btf__name_by_offset(types, btf__type_by_id(types, var.type)->name_off)) {
      std::uint32_t value = 0;
      std::memcpy(&value, data + var.offset, sizeof(value));
      return value;
    }
  }
  FAIL("no .rodata variable " << name);
  return 0;
}

std::vector<unsigned char> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("an optional hook the kernel lacks is dropped with a warning, and the rest is kept as it was") {
  names warnings;
  auto policy = open_quietly("priority.bpf.o", warnings);
  CHECK(policy.is_optional("get_high_delay_ms"));
  CHECK_FALSE(policy.is_optional("below_low"));
  REQUIRE(policy.set_param<std::uint32_t>("throttle_ms", 321));

  auto adapted = policy.adapt_to(kernel_without_throttle);
  REQUIRE_MESSAGE(adapted, (adapted ? "" : adapted.err().message()));
  CHECK(policy.hooks() == names{"try_charge_memcg", "below_low"});
  CHECK(policy.dropped_hooks() == names{"get_high_delay_ms"});
  CHECK(warnings == names{"priority: this kernel has no memcg_ops hook `get_high_delay_ms`; the policy marks it "
                          "optional, so it runs without it"});
  // What libbpf will give the kernel: memcg_ops without the member, and no
  // program for it.
  CHECK(struct_members(policy.raw(), "memcg_ops") == names{"try_charge_memcg", "below_low"});
  const bpf_program* delay = bpf_object__find_program_by_name(policy.raw(), "priority_delay");
  REQUIRE(delay);
  CHECK_FALSE(bpf_program__autoload(delay));
  CHECK(loaded_programs(policy) == names{"priority_charge", "priority_low"});
  // A parameter set before the drop survives it, and parameters still set.
  CHECK(rodata_u32(policy.raw(), "throttle_ms") == 321);
  CHECK(policy.set_param<std::uint32_t>("throttle_ms", 5));
  CHECK(rodata_u32(policy.raw(), "throttle_ms") == 5);
}

TEST_CASE("a kernel with every hook drops none, and says nothing") {
  names warnings;
  auto policy = open_quietly("priority.bpf.o", warnings);
  auto everything = memcgpp::probe_kernel(object("priority.bpf.o")); // its own memcg_ops
  REQUIRE(everything);
  REQUIRE(policy.adapt_to(*everything));
  CHECK(policy.hooks() == names{"try_charge_memcg", "below_low", "get_high_delay_ms"});
  CHECK(policy.dropped_hooks().empty());
  CHECK(warnings.empty());
  CHECK(struct_members(policy.raw(), "memcg_ops").size() == 3);
}

TEST_CASE("a required hook the kernel lacks is an error that names it and says what to do") {
  names warnings;
  auto priority = open_quietly("priority.bpf.o", warnings);
  auto refused = priority.load(memcgpp::kernel_features{{"try_charge_memcg"}});
  REQUIRE_FALSE(refused);
  CHECK(refused.err().code() == memcgpp::errc::kernel_lacks_hook);
  CHECK(mentions(refused.err(), "priority implements the memcg_ops hook `below_low`, which this kernel lacks: boot "
                                "a kernel whose memcgpp series has it (make vm-shell), or mark it "
                                "MEMCGPP_OPTIONAL_HOOK if the policy can work without it"));
  CHECK_FALSE(mentions(refused.err(), "get_high_delay_ms"));
  CHECK(warnings.empty());
  CHECK(priority.hooks().size() == 3); // nothing dropped

  auto required = open_quietly("future_hook_required.bpf.o", warnings);
  CHECK_FALSE(required.is_optional("memcg_future_hook"));
  auto future = required.adapt_to(kernel_without_throttle);
  REQUIRE_FALSE(future);
  CHECK(mentions(future.err(), "future_ops implements the memcg_ops hook `memcg_future_hook`, which this kernel "
                               "lacks"));
}

TEST_CASE("a policy whose every hook the kernel lacks is refused, not attached empty") {
  names warnings;
  auto policy = open_quietly("every_hook_optional.bpf.o", warnings);
  auto refused = policy.adapt_to(memcgpp::kernel_features{{"memcg_uncharged"}});
  REQUIRE_FALSE(refused);
  CHECK(refused.err().code() == memcgpp::errc::kernel_lacks_hook);
  CHECK(mentions(refused.err(), "this kernel lacks every hook of future_ops (`try_charge_memcg`, "
                                "`memcg_future_hook`), so nothing would be left to attach"));
  CHECK(warnings.empty());
}

TEST_CASE("a hand-written object marks hooks optional in its .memcgpp.optional section") {
  names warnings;
  auto policy = open_quietly("future_hook.bpf.o", warnings);
  CHECK(policy.is_optional("memcg_future_hook"));
  CHECK_FALSE(policy.is_optional("try_charge_memcg"));
  REQUIRE(policy.adapt_to(kernel_without_throttle));
  CHECK(policy.hooks() == names{"try_charge_memcg"});
  CHECK(struct_members(policy.raw(), "memcg_ops") == names{"try_charge_memcg"});
  CHECK(loaded_programs(policy) == names{"future_charge"});
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("no memcg_ops hook `memcg_future_hook`") != std::string::npos);
}

TEST_CASE("a corrupt object is refused, and left as it was") {
  const std::vector<unsigned char> original = read_bytes(object("priority.bpf.o"));
  REQUIRE(memcgpp::detail::optional_hooks(const_cast<std::vector<unsigned char>&>(original)) ==
          names{"get_high_delay_ms"});

  std::vector<unsigned char> bytes = original;
  auto missing = memcgpp::detail::drop_struct_ops_members(bytes, "memcg_ops", {"below_low", "no_such_member"});
  REQUIRE_FALSE(missing);
  CHECK(missing.err().code() == memcgpp::errc::not_bpf_object);
  CHECK(mentions(missing.err(), "cannot take the optional hooks out of the policy object: its struct memcg_ops "
                                "has no member no_such_member; rebuild it with memcgpp-compile"));
  CHECK(bytes == original);

  auto view = memcgpp::detail::elf_view::parse(bytes);
  REQUIRE(view);
  const auto* btf = view->find(".BTF");
  REQUIRE(btf);
  reinterpret_cast<btf_header*>(btf->bytes.data())->str_off += 4;
  const std::vector<unsigned char> corrupt = bytes;
  auto misplaced = memcgpp::detail::drop_struct_ops_members(bytes, "memcg_ops", {"get_high_delay_ms"});
  REQUIRE_FALSE(misplaced);
  CHECK(mentions(misplaced.err(), "its BTF is not laid out as compilers write it"));
  CHECK(bytes == corrupt);

  bytes.resize(200);
  auto truncated = memcgpp::detail::drop_struct_ops_members(bytes, "memcg_ops", {"get_high_delay_ms"});
  REQUIRE_FALSE(truncated);
  CHECK(mentions(truncated.err(), "its section headers are corrupt"));
}
