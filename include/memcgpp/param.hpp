// Parameters: typed values that user space sets before the policy loads.
// On the BPF target they are `const volatile` globals in .rodata (libbpf's
// idiom): constant once loaded, yet never folded by the compiler.
//
//   memcgpp::param<std::uint64_t> batch_cgroup;        // 0 unless set
//   memcgpp::param<std::uint32_t> divisor{4};          // 4 unless set
#pragma once

#include "config.hpp"
#include "traits.hpp"

namespace memcgpp {

// Storage is for memcgpp-compile, which binds each parameter to its global.
template <class T, auto Storage = nullptr> class param {
  MEMCGPP_REQUIRE_PLAIN_DATA(T, "a parameter");

public:
#if MEMCGPP_BPF
  constexpr param() = default;
  constexpr param(T) {} // the default value goes to the global, not here

  MEMCGPP_INLINE T get() const {
    static_assert(detail::bound_or_analysed<Storage>, "this parameter is not bound: compile the "
                                                      "policy with memcgpp-compile, which places "
                                                      "it in .rodata");
    if constexpr (detail::is_bound<Storage>)
      return *Storage;
    else
      return T{};
  }
#else
  constexpr param() = default;
  constexpr param(T initial) : value_(initial) {}

  T get() const { return value_; }
  // What the loader does before load; tests call it directly.
  void set(T value) { value_ = value; }
#endif

  MEMCGPP_INLINE operator T() const { return get(); }

#if MEMCGPP_HOST
private:
  T value_{};
#endif
};

} // namespace memcgpp
