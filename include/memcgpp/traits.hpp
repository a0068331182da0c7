// The few type traits the SDK needs. The BPF target has no standard
// library, so there they come from clang's builtins.
#pragma once

#include "config.hpp"

#if MEMCGPP_HOST
#include <type_traits>
#endif

namespace memcgpp::detail {

template <class T> struct type_identity {
  using type = T;
};
template <class T> using type_identity_t = typename type_identity<T>::type;

#if MEMCGPP_BPF
template <class T> using remove_cvref_t = __remove_cvref(T);
template <class T> inline constexpr bool is_pointer = __is_pointer(T);
template <class T> inline constexpr bool is_integral = __is_integral(T);
template <class T> inline constexpr bool is_enum = __is_enum(T);
#else
template <class T> using remove_cvref_t = std::remove_cvref_t<T>;
template <class T> inline constexpr bool is_pointer = std::is_pointer_v<T>;
template <class T> inline constexpr bool is_integral = std::is_integral_v<T>;
template <class T> inline constexpr bool is_enum = std::is_enum_v<T>;
#endif

template <class A, class B> inline constexpr bool is_same = __is_same(A, B);
template <class A, class B>
concept same_as = is_same<A, B> && is_same<B, A>;

// What BPF maps, parameters and events can hold: bytes the kernel copies
// without running any code, laid out as in C.
template <class T>
inline constexpr bool is_plain_data = __is_standard_layout(T) && __is_trivially_copyable(T);

template <class T> inline constexpr bool is_integer = is_integral<T> && !is_same<T, bool>;

// Whether memcgpp-compile bound a map or parameter to its BPF object. Its
// first pass reads the policy unbound (MEMCGPP_ANALYSIS), which is fine.
template <auto Def>
inline constexpr bool is_bound = !is_same<decltype(Def), decltype(nullptr)>;
#ifdef MEMCGPP_ANALYSIS
template <auto Def> inline constexpr bool bound_or_analysed = true;
#else
template <auto Def> inline constexpr bool bound_or_analysed = is_bound<Def>;
#endif

} // namespace memcgpp::detail

// Checks a type that crosses between the policy and user space.
#define MEMCGPP_REQUIRE_PLAIN_DATA(T, role)                                                        \
  static_assert(::memcgpp::detail::is_plain_data<T>,                                               \
                role " must be a standard-layout, trivially copyable type: the kernel and user "   \
                     "space copy it as raw bytes, with C layout and no constructors to run")
