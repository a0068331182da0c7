// Declaring a policy: derive from memcgpp::policy<Self> and give it a name.
#pragma once

#include "config.hpp"

namespace memcgpp {

namespace detail {
// Not constexpr: calling it fails constant evaluation, and its name is the message.
void policy_name_must_be_a_c_identifier();
} // namespace detail

// A policy's name: it names the BPF struct_ops map and prefixes the program
// names, so it is a C identifier of at most 15 characters (the kernel's
// BPF_OBJ_NAME_LEN less the terminator). Checked at compile time.
class policy_name {
public:
  static constexpr unsigned max_length = 15;

  template <unsigned N> consteval policy_name(const char (&name)[N]) : length_(N - 1) {
    static_assert(N - 1 <= max_length,
                  "a policy name has at most 15 characters (the kernel's BPF_OBJ_NAME_LEN)");
    static_assert(N >= 2, "a policy name cannot be empty");
    for (unsigned i = 0; i < N - 1; ++i) {
      const char c = name[i];
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && !(i > 0 && c >= '0' && c <= '9'))
        detail::policy_name_must_be_a_c_identifier();
      text_[i] = c;
    }
  }

  constexpr const char* c_str() const { return text_; }
  constexpr unsigned length() const { return length_; }

private:
  char text_[max_length + 1] = {};
  unsigned length_;
};

// The base of every policy, by CRTP: hooks are member functions of Self with
// fixed names (try_charge_memcg, below_low, ...: hooks.hpp lists them), found
// at compile time, never virtual.
template <class Self> class policy {
public:
  using policy_type = Self;
};

} // namespace memcgpp
