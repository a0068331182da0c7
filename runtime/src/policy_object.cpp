#include "memcgpp/runtime/policy_object.hpp"

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <elf.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "cgroup_conflict.hpp"
#include "link_info.hpp"
#include "link_shim.hpp"
#include "optional_hooks.hpp"
#include "memcgpp/runtime/introspect.hpp"
#include "system_error.hpp"
#include "verifier_log.hpp"

namespace memcgpp {
namespace {

constexpr std::string_view struct_ops_prefix = "struct_ops/";
// Absent from older UAPI headers: the struct_ops map is for a link (6.4).
constexpr unsigned map_flag_link = 1u << 13;

// The struct type of a struct_ops map's variable, found in the BTF of its
// section (.struct_ops, or .struct_ops.link with newer libbpf).
std::string_view struct_ops_type(const ::btf* btf, const char* map_name) {
  for (const char* section : {".struct_ops", ".struct_ops.link"}) {
    const int id = btf__find_by_name_kind(btf, section, BTF_KIND_DATASEC);
    if (id < 0)
      continue;
    const ::btf_type* sec = btf__type_by_id(btf, id);
    const auto* vars = reinterpret_cast<const ::btf_var_secinfo*>(sec + 1);
    for (int i = 0; i < btf_vlen(sec); ++i) {
      const ::btf_type* var = btf__type_by_id(btf, vars[i].type);
      if (std::string_view(btf__name_by_offset(btf, var->name_off)) != map_name)
        continue;
      const int type_id = btf__resolve_type(btf, var->type);
      const ::btf_type* type = type_id < 0 ? nullptr : btf__type_by_id(btf, type_id);
      return type ? btf__name_by_offset(btf, type->name_off) : "";
    }
  }
  return "";
}

// The object's memcg_ops map: a struct_ops map whose value is struct memcg_ops.
::bpf_map* memcg_ops_map(::bpf_object* object) {
  const ::btf* btf = bpf_object__btf(object);
  ::bpf_map* map;
  bpf_object__for_each_map(map, object) {
    if (btf && bpf_map__type(map) == BPF_MAP_TYPE_STRUCT_OPS &&
        struct_ops_type(btf, bpf_map__name(map)) == "memcg_ops")
      return map;
  }
  return nullptr;
}

// The .rodata variable NAME: where it lives in the map's initial value.
struct rodata_var {
  unsigned char* data = nullptr;
  std::size_t size = 0;
};

rodata_var find_rodata(::bpf_object* object, std::string_view name) {
  const ::btf* btf = bpf_object__btf(object);
  const int id = btf ? btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC) : -1;
  ::bpf_map* rodata = nullptr;
  ::bpf_map* map;
  bpf_object__for_each_map(map, object) if (std::string_view(bpf_map__name(map)).ends_with(".rodata")) rodata = map;
  if (id < 0 || !rodata)
    return {};
  std::size_t size = 0;
  // const in libbpf 1.1, yet writable until load
  auto* data = static_cast<unsigned char*>(const_cast<void*>(bpf_map__initial_value(rodata, &size)));
  const ::btf_type* sec = btf__type_by_id(btf, id);
  const auto* vars = reinterpret_cast<const ::btf_var_secinfo*>(sec + 1);
  for (int i = 0; i < btf_vlen(sec); ++i) {
    const ::btf_type* var = btf__type_by_id(btf, vars[i].type);
    if (name == btf__name_by_offset(btf, var->name_off) && vars[i].offset + vars[i].size <= size)
      return {data + vars[i].offset, vars[i].size};
  }
  return {};
}

} // namespace

result<policy_object> policy_object::open_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return error(errc::file_unreadable,
                 fmt::format("cannot read {}: {} (check the path; policy objects come from "
                             "memcgpp-compile)",
                             path, std::strerror(errno)));
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return open_elf(std::move(bytes), path);
}

result<policy_object> policy_object::open_memory(std::span<const unsigned char> bytes, std::string name) {
  return open_elf(std::vector<unsigned char>(bytes.begin(), bytes.end()), std::move(name));
}

result<policy_object> policy_object::open_elf(std::vector<unsigned char> elf, std::string source) {
  const auto* ehdr = reinterpret_cast<const Elf64_Ehdr*>(elf.data());
  if (elf.size() < sizeof(Elf64_Ehdr) || std::memcmp(ehdr->e_ident, ELFMAG, SELFMAG) != 0)
    return error(errc::not_bpf_object,
                 fmt::format("{} is not an ELF object: compile the policy with memcgpp-compile", source));
  if (ehdr->e_ident[EI_CLASS] != ELFCLASS64 || ehdr->e_machine != EM_BPF)
    return error(errc::not_bpf_object,
                 fmt::format("{} is an ELF object for another machine, not BPF: compile the policy "
                             "with memcgpp-compile",
                             source));
  policy_object policy;
  policy.source_ = std::move(source);
  policy.elf_ = std::move(elf);
  if (!detail::libbpf_knows_struct_ops_link())
    detail::rename_struct_ops_link(policy.elf_);
  if (auto opened = policy.open_bytes(); !opened)
    return opened.err();
  policy.optional_hooks_ = detail::optional_hooks(policy.elf_);
  ::bpf_program* program;
  bpf_object__for_each_program(program, policy.object_.get()) {
    const std::string_view section = bpf_program__section_name(program);
    if (section.starts_with(struct_ops_prefix))
      policy.hooks_.emplace_back(section.substr(struct_ops_prefix.size()));
  }
  return policy;
}

// Opens elf_ with libbpf, in place of any object open before.
status policy_object::open_bytes() {
  const std::string object_name = source_.substr(source_.find_last_of('/') + 1);
  // Not LIBBPF_OPTS: its C++ form differs between libbpf versions.
  bpf_object_open_opts opts{};
  opts.sz = sizeof(opts);
  opts.object_name = object_name.c_str();
  detail::libbpf_log_capture log;
  object_.reset(bpf_object__open_mem(elf_.data(), elf_.size(), &opts));
  if (!object_)
    return error(errc::not_bpf_object,
                 fmt::format("{} is not a BPF object libbpf can open ({}): {}", source_,
                             std::strerror(errno), log.text()));
  ::bpf_map* ops = memcg_ops_map(object_.get());
  if (!ops)
    return error(errc::no_struct_ops,
                 fmt::format("{} has no memcg_ops struct_ops map: a policy object defines one, "
                             "as `SEC(\".struct_ops\") struct memcg_ops NAME = {{...}}` (memcgpp-compile "
                             "generates it)",
                             source_));
  // Always a link: the kernel then detaches the policy when its holder dies.
  bpf_map__set_map_flags(ops, bpf_map__map_flags(ops) | map_flag_link);
  name_ = bpf_map__name(ops);
  return {};
}

policy_object::policy_object(policy_object&&) noexcept = default;
policy_object& policy_object::operator=(policy_object&&) noexcept = default;
policy_object::~policy_object() { object_.reset(); }

void policy_object::object_closer::operator()(::bpf_object* object) const { bpf_object__close(object); }

void policy_object::set_warning_handler(std::function<void(const std::string&)> handler) {
  warn_ = std::move(handler);
}

bool policy_object::is_optional(std::string_view hook) const {
  return std::find(optional_hooks_.begin(), optional_hooks_.end(), hook) != optional_hooks_.end();
}

status policy_object::set_param(std::string_view name, const void* data, std::size_t size) {
  if (loaded_)
    return error(errc::invalid_argument,
                 fmt::format("parameter {} of {}: parameters are set before load", name, name_));
  const rodata_var var = find_rodata(object_.get(), name);
  if (!var.data)
    return no_param(name);
  if (var.size != size)
    return error(errc::invalid_argument, fmt::format("parameter {} of {} takes {} bytes, not {}", name,
                                                     name_, var.size, size));
  std::memcpy(var.data, data, size);
  return {};
}

status policy_object::set_param_text(std::string_view name, std::string_view text) {
  const rodata_var var = find_rodata(object_.get(), name);
  if (!var.data)
    return no_param(name);
  const std::string value(text);
  char* end = nullptr;
  errno = 0;
  const unsigned long long number = std::strtoull(value.c_str(), &end, 0);
  if (value.empty() || *end != '\0' || errno != 0 || var.size > sizeof(number))
    return error(errc::invalid_argument,
                 fmt::format("parameter {}: `{}` is not an integer of {} bytes", name, text, var.size));
  return set_param(name, &number, var.size); // little endian: the low bytes
}

error policy_object::no_param(std::string_view name) const {
  return error(errc::not_found,
               fmt::format("{} has no parameter {} (its parameters: {})", name_, name, fmt::join(params(), ", ")));
}

std::vector<std::string> policy_object::params() const {
  std::vector<std::string> names;
  const ::btf* btf = bpf_object__btf(object_.get());
  const int id = btf ? btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC) : -1;
  if (id < 0)
    return names;
  const ::btf_type* sec = btf__type_by_id(btf, id);
  const auto* vars = reinterpret_cast<const ::btf_var_secinfo*>(sec + 1);
  for (int i = 0; i < btf_vlen(sec); ++i)
    names.emplace_back(btf__name_by_offset(btf, btf__type_by_id(btf, vars[i].type)->name_off));
  return names;
}

status policy_object::load() {
  auto kernel = probe_kernel();
  if (!kernel)
    return kernel.err();
  return load(*kernel);
}

status policy_object::adapt_to(const kernel_features& kernel) {
  if (loaded_)
    return {};
  std::vector<std::string> required, optional;
  for (const auto& hook : hooks_)
    if (!kernel.has_hook(hook))
      (is_optional(hook) ? optional : required).push_back(hook);
  if (!required.empty())
    return error(errc::kernel_lacks_hook,
                 fmt::format("{} implements the memcg_ops hook{} `{}`, which this kernel lacks: boot a kernel "
                             "whose memcgpp series has {} (make vm-shell), or mark {} MEMCGPP_OPTIONAL_HOOK "
                             "if the policy can work without {}",
                             name_, required.size() > 1 ? "s" : "", fmt::join(required, "`, `"),
                             required.size() > 1 ? "them" : "it", required.size() > 1 ? "them" : "it",
                             required.size() > 1 ? "them" : "it"));
  if (optional.empty())
    return {};
  if (optional.size() == hooks_.size())
    return error(errc::kernel_lacks_hook,
                 fmt::format("this kernel lacks every hook of {} (`{}`), so nothing would be left to attach: "
                             "boot a kernel whose memcgpp series has them (make vm-shell)",
                             name_, fmt::join(optional, "`, `")));
  return drop_hooks(optional);
}

// Takes optional hooks out of the object, and opens it again without them.
status policy_object::drop_hooks(const std::vector<std::string>& hooks) {
  std::vector<unsigned char> elf = elf_;
  auto programs = detail::drop_struct_ops_members(elf, "memcg_ops", hooks);
  if (!programs)
    return programs.err();
  // Parameters set so far live in the open object's maps.
  std::vector<std::pair<std::string, std::vector<unsigned char>>> values;
  ::bpf_map* map;
  bpf_object__for_each_map(map, object_.get()) {
    std::size_t size = 0;
    if (const void* value = bpf_map__initial_value(map, &size))
      values.emplace_back(bpf_map__name(map), std::vector<unsigned char>(static_cast<const unsigned char*>(value),
                                                                           static_cast<const unsigned char*>(value) + size));
  }
  std::vector<unsigned char> previous = std::exchange(elf_, std::move(elf));
  auto kept = std::move(object_);
  if (auto opened = open_bytes(); !opened) {
    elf_ = std::move(previous);
    object_ = std::move(kept);
    return opened.err();
  }
  kept.reset();
  for (auto& [name, value] : values)
    if (::bpf_map* copy = bpf_object__find_map_by_name(object_.get(), name.c_str()))
      bpf_map__set_initial_value(copy, value.data(), value.size());
  for (const auto& program : *programs)
    if (::bpf_program* unused = bpf_object__find_program_by_name(object_.get(), program.c_str()))
      bpf_program__set_autoload(unused, false);
  for (const auto& hook : hooks) {
    std::erase(hooks_, hook);
    dropped_hooks_.push_back(hook);
    if (warn_)
      warn_(fmt::format("{}: this kernel has no memcg_ops hook `{}`; the policy marks it optional, so it runs "
                        "without it",
                        name_, hook));
  }
  return {};
}

status policy_object::load(const kernel_features& kernel) {
  if (auto adapted = adapt_to(kernel); !adapted)
    return adapted;
  detail::libbpf_log_capture log;
  if (bpf_object__load(object_.get()) != 0) {
    const int err = errno;
    if (std::string rejection = detail::describe_verifier_rejection(log.text()); !rejection.empty())
      return error(errc::verifier_rejected, std::move(rejection));
    return detail::system_error("load " + source_, err);
  }
  loaded_ = true;
  return {};
}

result<attachment> policy_object::attach() {
  if (!loaded_)
    if (auto loaded = load(); !loaded)
      return loaded.err();
  auto fd = detail::attach_struct_ops_link(memcg_ops_map(object_.get()));
  if (!fd && fd.err().code() == errc::already_attached)
    return already_attached();
  if (!fd)
    return fd.err();
  return attachment(*fd);
}

result<attachment> policy_object::attach_to_cgroup(const std::string& path, const cgroup_attach_options& options) {
  auto cgroup = cgroup_dir::open(path);
  if (!cgroup)
    return cgroup.err();
  return attach_to_cgroup(*cgroup, options);
}

result<attachment> policy_object::attach_to_cgroup_fd(int cgroup_fd, const cgroup_attach_options& options) {
  auto cgroup = cgroup_dir::from_fd(cgroup_fd);
  if (!cgroup)
    return cgroup.err();
  return attach_to_cgroup(*cgroup, options);
}

result<attachment> policy_object::attach_to_cgroup(const cgroup_dir& cgroup, const cgroup_attach_options& options) {
  // A kernel without cgroup-scoped policies may ignore the cgroup and attach
  // globally: ask its BTF before trying.
  auto kernel = probe_kernel();
  if (!kernel)
    return kernel.err();
  if (auto scoped = kernel->require_cgroup_scope(); !scoped)
    return scoped.err();
  if (auto memory = cgroup.require_memory_controller(); !memory)
    return memory.err();
  if (!loaded_)
    if (auto loaded = load(*kernel); !loaded)
      return loaded.err();
  ::bpf_map* map = memcg_ops_map(object_.get());
  if (const int err = detail::ready_struct_ops_map(object_.get(), map); err < 0)
    return -err == EPERM || -err == EACCES
               ? cgroup_attach_failed(cgroup, options, -err)
               : detail::system_error(fmt::format("give the kernel the programs of {}", name_), -err);
  const int fd = detail::create_struct_ops_link(map, cgroup.fd(), options.allow_override);
  if (fd < 0)
    return cgroup_attach_failed(cgroup, options, -fd);
  attachment link(fd);
  // Which cgroup the kernel attached it to: it must be this one.
  auto info = detail::read_link_info(fd);
  if (info && info->cgroup_id != cgroup.id())
    return error(errc::kernel_lacks_cgroup_scope,
                 fmt::format("{} was to attach to cgroup {} (id {}), but the kernel attached it {}: this kernel "
                             "does not attach memcg_ops to cgroups, so memcgpp detached it again; boot a kernel "
                             "whose memcgpp series has cgroup-scoped policies (make vm-shell boots one)",
                             name_, cgroup.path(), cgroup.id(),
                             info->cgroup_id == 0 ? std::string("globally")
                                                  : fmt::format("to cgroup id {}", info->cgroup_id)));
  return link;
}

// What a failed cgroup-scoped attach means, and what to do.
error policy_object::cgroup_attach_failed(const cgroup_dir& cgroup, const cgroup_attach_options& options,
                                          int err) const {
  const std::string what = fmt::format("attach {} to cgroup {}", name_, cgroup.path());
  switch (err) {
  case EBUSY:
  case EEXIST: {
    detail::cgroup_target target{name_, cgroup.path(), cgroup.id(), cgroup.ancestor_ids(), cgroup.descendant_ids(),
                                 options.allow_override};
    auto attached = attached_policies();
    return detail::describe_cgroup_conflict(target, attached ? *attached : std::vector<attached_policy>{});
  }
  case EPERM:
  case EACCES:
    return error(errc::permission_denied,
                 fmt::format("{}: {}; attaching a policy to a cgroup needs CAP_SYS_ADMIN, as well as CAP_BPF "
                             "(run as root, or grant them)",
                             what, std::strerror(err)));
  case EOPNOTSUPP:
    return error(errc::kernel_lacks_cgroup_scope,
                 fmt::format("{}: the kernel refused the cgroup flags (EOPNOTSUPP): its memcg_ops attaches only "
                             "globally; boot a kernel whose memcgpp series has cgroup-scoped policies "
                             "(make vm-shell boots one)",
                             what));
  case EINVAL:
  case EBADF:
    return error(errc::not_a_cgroup,
                 fmt::format("{}: the kernel refused that cgroup ({}): it takes a cgroup2 directory whose cgroup "
                             "has the memory controller (see cgroup.controllers there)",
                             what, std::strerror(err)));
  case ENOENT:
    return error(errc::not_found, fmt::format("{}: the cgroup is being removed", what));
  default:
    return detail::system_error(what, err);
  }
}

// EEXIST, with the policies the kernel says hold the slot.
error policy_object::already_attached() const {
  std::vector<std::string> holders;
  if (auto attached = attached_policies())
    for (const auto& policy : *attached)
      if (policy.global()) // cgroup policies do not hold the global slot
        holders.push_back(fmt::format("{} (link {})", policy.name, policy.link_id));
  const std::string which = holders.empty() ? "one attached by a map update, which the kernel does not name"
                                            : fmt::format("{}", fmt::join(holders, ", "));
  return error(errc::already_attached,
               fmt::format("cannot attach {}: another memcg_ops policy is attached: {}; detach it first "
                           "(memcgpp detach PIN, or stop the process that holds it)",
                           name_, which));
}

result<map_view> policy_object::map(std::string_view name) const {
  for (auto& view : maps())
    if (view.name() == name)
      return view;
  std::vector<std::string> names;
  for (const auto& view : maps())
    names.push_back(view.name());
  return error(errc::not_found, fmt::format("{} has no map {} (its maps: {})", name_, name, fmt::join(names, ", ")));
}

std::vector<map_view> policy_object::maps() const {
  std::vector<map_view> views;
  ::bpf_map* map;
  bpf_object__for_each_map(map, object_.get()) {
    if (bpf_map__type(map) == BPF_MAP_TYPE_STRUCT_OPS || std::strchr(bpf_map__name(map), '.'))
      continue; // the ops themselves, and .rodata and friends
    views.emplace_back(bpf_map__fd(map), bpf_map__name(map), bpf_map__type(map), bpf_map__key_size(map),
                       bpf_map__value_size(map), bpf_map__max_entries(map));
  }
  return views;
}

std::vector<program_info> policy_object::programs() const {
  std::vector<program_info> out;
  ::bpf_program* program;
  bpf_object__for_each_program(program, object_.get()) {
    if (!bpf_program__autoload(program))
      continue; // a dropped hook's
    program_info info;
    info.name = bpf_program__name(program);
    const std::string_view section = bpf_program__section_name(program);
    if (section.starts_with(struct_ops_prefix))
      info.hook = section.substr(struct_ops_prefix.size());
    ::bpf_prog_info kernel_info{};
    __u32 size = sizeof(kernel_info);
    if (loaded_ && bpf_obj_get_info_by_fd(bpf_program__fd(program), &kernel_info, &size) == 0) {
      info.verified_insns = kernel_info.verified_insns;
      info.run_count = kernel_info.run_cnt;
      info.run_time_ns = kernel_info.run_time_ns;
    }
    out.push_back(std::move(info));
  }
  return out;
}

} // namespace memcgpp
