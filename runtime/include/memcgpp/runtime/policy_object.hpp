// A policy's BPF object, opened, configured, loaded and attached through
// libbpf. Attaching always makes a BPF link, so the kernel detaches the
// policy when its last holder goes, even with libbpf 1.1, which knows only
// `.struct_ops` sections: see link_shim.hpp.
//
// A policy attaches globally, or to a cgroup, where it governs the memcgs of
// that cgroup's subtree. The nearest cgroup policy (the cgroup's own, or its
// nearest ancestor's) governs a memcg; the global policy governs the memcgs
// no cgroup policy governs. One loaded policy may attach to several cgroups.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "attachment.hpp"
#include "cgroup.hpp"
#include "kernel_probe.hpp"
#include "maps.hpp"
#include "result.hpp"

struct bpf_object;

namespace memcgpp {

struct program_info {
  std::string name;
  std::string hook;                // the memcg_ops member it implements
  std::uint32_t verified_insns = 0; // instructions the verifier processed
  std::uint64_t run_count = 0;     // with kernel.bpf_stats_enabled
  std::uint64_t run_time_ns = 0;
};

struct cgroup_attach_options {
  // Lets cgroups below attach policies of their own, which then govern their
  // subtrees (BPF_F_ALLOW_OVERRIDE). Without it, the policy governs the whole
  // subtree, and attaching fails while a cgroup below has its own policy.
  bool allow_override = false;
};

class policy_object {
public:
  static result<policy_object> open_file(const std::string& path);
  static result<policy_object> open_memory(std::span<const unsigned char> bytes, std::string name);
  // From a skeleton that memcgpp-compile --skeleton wrote.
  template <class Skeleton> static result<policy_object> open() {
    return open_memory(Skeleton::object(), std::string(Skeleton::policy_name) + ".bpf.o");
  }

  policy_object(policy_object&&) noexcept;
  policy_object& operator=(policy_object&&) noexcept;
  ~policy_object();

  // The struct_ops map's name: the policy's.
  const std::string& name() const { return name_; }
  // The memcg_ops members the policy implements (less those dropped).
  const std::vector<std::string>& hooks() const { return hooks_; }
  // Whether the policy marks a hook optional (MEMCGPP_OPTIONAL_HOOK): on a
  // kernel without that hook, load drops it and warns, instead of failing.
  bool is_optional(std::string_view hook) const;
  // The optional hooks load dropped, because the kernel lacks them.
  const std::vector<std::string>& dropped_hooks() const { return dropped_hooks_; }
  // Where warnings go (a dropped hook); stderr unless set. Empty: nowhere.
  void set_warning_handler(std::function<void(const std::string&)> handler);

  // Parameters (.rodata variables), before load.
  status set_param(std::string_view name, const void* data, std::size_t size);
  template <class T> status set_param(std::string_view name, const T& value) {
    return set_param(name, &value, sizeof(T));
  }
  // An integer parameter from text ("42", "0x2a"), at the variable's size.
  status set_param_text(std::string_view name, std::string_view text);
  std::vector<std::string> params() const;

  // Probes the kernel, then loads: the verifier runs here.
  status load();
  status load(const kernel_features& kernel);
  // What load does first: fails on a hook the kernel lacks, unless it is
  // optional, and then takes it out of the object, with a warning.
  status adapt_to(const kernel_features& kernel);
  // Attaches globally as a BPF link.
  result<attachment> attach();
  // Attaches as a BPF link to a cgroup2 directory (by path, by an fd the
  // caller opened, or open already), to govern its subtree. Probes the
  // kernel for cgroup-scoped policies first, and loads if needed.
  result<attachment> attach_to_cgroup(const std::string& path, const cgroup_attach_options& options = {});
  result<attachment> attach_to_cgroup_fd(int cgroup_fd, const cgroup_attach_options& options = {});
  result<attachment> attach_to_cgroup(const cgroup_dir& cgroup, const cgroup_attach_options& options = {});

  // After load.
  result<map_view> map(std::string_view name) const;
  std::vector<map_view> maps() const;
  std::vector<program_info> programs() const;
  ::bpf_object* raw() const { return object_.get(); }

private:
  policy_object() = default;
  static result<policy_object> open_elf(std::vector<unsigned char> elf, std::string name);
  status open_bytes();
  status drop_hooks(const std::vector<std::string>& hooks);
  error already_attached() const;
  error cgroup_attach_failed(const cgroup_dir& cgroup, const cgroup_attach_options& options, int err) const;
  error no_param(std::string_view name) const;

  struct object_closer {
    void operator()(::bpf_object* object) const;
  };

  // libbpf reads elf_ until it closes object_: object_ comes first, so that
  // a move assignment closes the old object before its bytes go, and the
  // destructor closes it first too.
  std::unique_ptr<::bpf_object, object_closer> object_;
  std::vector<unsigned char> elf_;
  std::string source_;
  std::string name_;
  std::vector<std::string> hooks_;
  std::vector<std::string> optional_hooks_;
  std::vector<std::string> dropped_hooks_;
  std::function<void(const std::string&)> warn_ = [](const std::string& message) {
    std::fprintf(stderr, "memcgpp: warning: %s\n", message.c_str());
  };
  bool loaded_ = false;
};

} // namespace memcgpp
