// Errors as values: a runtime call returns result<T>, which holds a T or an
// error that says what failed, why, and what to do about it.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace memcgpp {

enum class errc {
  file_unreadable,       // the object file is missing or unreadable
  not_bpf_object,        // not an ELF file, or not a BPF one
  no_struct_ops,         // the object has no memcg_ops struct_ops map
  kernel_lacks_memcg_ops, // the running kernel does not carry the patch
  kernel_lacks_hook,     // the kernel's memcg_ops has no such member
  permission_denied,     // EPERM/EACCES: capabilities are missing
  already_attached,      // EEXIST/EBUSY: another policy holds the slot or the cgroup
  verifier_rejected,     // the verifier refused a program
  map_access,            // a map lookup, update or iteration failed
  not_found,             // no such map, parameter or pin
  invalid_argument,      // a value of the wrong type or size
  system,                // any other system error
  not_a_cgroup,          // not a cgroup2 directory with the memory controller
  kernel_lacks_cgroup_scope, // memcg_ops attaches only globally on this kernel
};

class error {
public:
  error(errc code, std::string message) : code_(code), message_(std::move(message)) {}
  errc code() const { return code_; }
  const std::string& message() const { return message_; }

private:
  errc code_;
  std::string message_;
};

template <class T> class [[nodiscard]] result {
public:
  result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  result(error e) : state_(std::in_place_index<1>, std::move(e)) {}

  explicit operator bool() const { return state_.index() == 0; }
  bool ok() const { return state_.index() == 0; }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& value() const& { return std::get<0>(state_); }
  T* operator->() { return &value(); }
  T& operator*() & { return value(); }
  const error& err() const { return std::get<1>(state_); }
  T value_or(T fallback) && { return ok() ? std::get<0>(std::move(state_)) : std::move(fallback); }

private:
  std::variant<T, error> state_;
};

template <> class [[nodiscard]] result<void> {
public:
  result() = default;
  result(error e) : error_(std::move(e)), failed_(true) {}
  explicit operator bool() const { return !failed_; }
  bool ok() const { return !failed_; }
  const error& err() const { return error_; }

private:
  error error_{errc::system, {}};
  bool failed_ = false;
};

using status = result<void>;

} // namespace memcgpp
