// A policy's BPF object, opened, configured, loaded and attached through
// libbpf. Attaching always makes a BPF link, so the kernel detaches the
// policy when its last holder goes, even with libbpf 1.1, which knows only
// `.struct_ops` sections: see link_shim.hpp.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "attachment.hpp"
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
  // The memcg_ops members the policy implements.
  const std::vector<std::string>& hooks() const { return hooks_; }

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
  // Attaches as a BPF link.
  result<attachment> attach();

  // After load.
  result<map_view> map(std::string_view name) const;
  std::vector<map_view> maps() const;
  std::vector<program_info> programs() const;
  ::bpf_object* raw() const { return object_; }

private:
  policy_object() = default;
  static result<policy_object> open_elf(std::vector<unsigned char> elf, std::string name);
  error already_attached() const;
  error no_param(std::string_view name) const;

  ::bpf_object* object_ = nullptr;
  std::vector<unsigned char> elf_; // libbpf reads from it until close
  std::string source_;
  std::string name_;
  std::vector<std::string> hooks_;
  bool loaded_ = false;
};

} // namespace memcgpp
