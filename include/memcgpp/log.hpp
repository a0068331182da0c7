// Logging through the kernel's trace_printk, read from
// /sys/kernel/tracing/trace_pipe (or `memcgpp trace`). The format is checked
// against the arguments at compile time, with the kernel's rules:
//
//   %d %i %u %x %X %c   an integer of at most 32 bits
//   %ld %lu %lld %llx…  any integer
//   %s                  a string: memcg().name(), or a string literal
//   %p %px %pK          a pointer
//   flags 0 + - space and a width may come first; %% prints %.
// At most 12 arguments.
#pragma once

#include <cstdint>

#include "config.hpp"
#include "memcg.hpp"
#include "traits.hpp"

#if MEMCGPP_BPF
#include "bpf/helpers.hpp"
#else
#include <cstdio>
#include <string>

#include "host/environment.hpp"
#endif

namespace memcgpp {

namespace detail {

// Calling one of these fails constant evaluation; its name is the message.
void log_format_has_an_unknown_conversion();
void log_format_has_more_conversions_than_arguments();
void log_format_has_fewer_conversions_than_arguments();
void log_format_wants_an_integer_of_at_most_32_bits_here_use_l_or_ll();
void log_format_wants_an_integer_here();
void log_format_wants_a_string_here();
void log_format_wants_a_pointer_here();
void log_takes_at_most_12_arguments();

enum class log_arg { narrow_integer, wide_integer, string, pointer, unsupported };

template <class T> consteval log_arg classify_log_arg() {
  using U = remove_cvref_t<T>;
  if constexpr (is_same<U, kernel_string> || is_same<U, const char*> || is_same<U, char*>)
    return log_arg::string;
  else if constexpr (is_pointer<U>)
    return log_arg::pointer;
  else if constexpr (is_integral<U> || is_enum<U>)
    return sizeof(U) <= 4 ? log_arg::narrow_integer : log_arg::wide_integer;
  else
    return log_arg::unsupported;
}

// One conversion of a format: text[begin, end) is "%...c".
struct log_spec {
  unsigned begin = 0;
  unsigned end = 0;
  unsigned flags_end = 0; // end of the flags and width
  char conversion = 0;    // d i u x X c s p
  bool wide = false;      // l or ll given
};

// Finds the conversion at or after pos, skipping %%; conversion 0 at the end.
constexpr log_spec next_log_spec(const char* text, unsigned size, unsigned pos) {
  for (unsigned i = pos; i < size && text[i] != '\0'; ++i) {
    if (text[i] != '%')
      continue;
    if (i + 1 < size && text[i + 1] == '%') {
      ++i;
      continue;
    }
    log_spec spec;
    spec.begin = i;
    unsigned j = i + 1;
    while (j < size && (text[j] == '0' || text[j] == '+' || text[j] == '-' || text[j] == ' '))
      ++j;
    while (j < size && text[j] >= '0' && text[j] <= '9')
      ++j;
    spec.flags_end = j;
    unsigned longs = 0;
    while (j < size && text[j] == 'l' && longs < 2) {
      ++longs;
      ++j;
    }
    spec.wide = longs > 0;
    spec.conversion = j < size ? text[j] : '\0';
    ++j;
    if (spec.conversion == 'p' && j < size && (text[j] == 'x' || text[j] == 'K'))
      ++j;
    spec.end = j;
    return spec;
  }
  return log_spec{size, size, size, 0, false};
}

template <class... Args> consteval void check_log_format(const char* text, unsigned size) {
  constexpr log_arg kinds[] = {classify_log_arg<Args>()..., log_arg::unsupported};
  constexpr unsigned count = sizeof...(Args);
  if (count > 12)
    log_takes_at_most_12_arguments();
  unsigned pos = 0;
  for (unsigned arg = 0;; ++arg) {
    const log_spec spec = next_log_spec(text, size, pos);
    if (spec.conversion == 0) {
      if (arg < count)
        log_format_has_fewer_conversions_than_arguments();
      return;
    }
    if (arg >= count)
      log_format_has_more_conversions_than_arguments();
    const log_arg kind = kinds[arg];
    switch (spec.conversion) {
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'c':
      if (kind == log_arg::wide_integer && !spec.wide)
        log_format_wants_an_integer_of_at_most_32_bits_here_use_l_or_ll();
      else if (kind != log_arg::narrow_integer && kind != log_arg::wide_integer)
        log_format_wants_an_integer_here();
      break;
    case 's':
      if (kind != log_arg::string)
        log_format_wants_a_string_here();
      break;
    case 'p':
      if (kind != log_arg::pointer)
        log_format_wants_a_pointer_here();
      break;
    default:
      log_format_has_an_unknown_conversion();
    }
    pos = spec.end;
  }
}

// A format string checked against Args when the call is compiled.
template <class... Args> class log_format {
public:
  template <unsigned N>
  consteval log_format(const char (&text)[N]) : text_(text), size_(N) {
    check_log_format<Args...>(text, N);
  }
  constexpr const char* text() const { return text_; }
  constexpr unsigned size() const { return size_; }

private:
  const char* text_;
  unsigned size_;
};

template <class T> MEMCGPP_INLINE std::uint64_t log_value(T value) {
  using U = remove_cvref_t<T>;
  if constexpr (is_same<U, kernel_string>)
    return reinterpret_cast<std::uint64_t>(value.data());
  else if constexpr (is_pointer<U>)
    return reinterpret_cast<std::uint64_t>(value);
  else
    return static_cast<std::uint64_t>(value);
}

#if MEMCGPP_HOST
// Prints a checked format on the host. Each conversion prints its argument's
// 64-bit value, cut to 32 bits without l or ll, as the kernel does.
inline std::string format_log_line(const char* text, unsigned size, const std::uint64_t* values) {
  std::string line;
  unsigned pos = 0;
  for (unsigned arg = 0;; ++arg) {
    const log_spec spec = next_log_spec(text, size, pos);
    for (unsigned i = pos; i < spec.begin && text[i] != '\0'; ++i) {
      line += text[i];
      if (text[i] == '%')
        ++i; // "%%" prints one %
    }
    if (spec.conversion == 0)
      return line;
    const std::uint64_t v = values[arg];
    const std::string flags(text + spec.begin, spec.flags_end - spec.begin);
    char piece[64];
    switch (spec.conversion) {
    case 's':
      line += reinterpret_cast<const char*>(v);
      break;
    case 'c':
      line += static_cast<char>(v);
      break;
    case 'p':
      std::snprintf(piece, sizeof(piece), "0x%llx", static_cast<unsigned long long>(v));
      line += piece;
      break;
    case 'd':
    case 'i':
      std::snprintf(piece, sizeof(piece), (flags + "lld").c_str(),
                    spec.wide ? static_cast<long long>(v)
                              : static_cast<long long>(static_cast<std::int32_t>(v)));
      line += piece;
      break;
    default: // u x X
      std::snprintf(piece, sizeof(piece), (flags + "ll" + spec.conversion).c_str(),
                    spec.wide ? static_cast<unsigned long long>(v)
                              : static_cast<unsigned long long>(static_cast<std::uint32_t>(v)));
      line += piece;
    }
    pos = spec.end;
  }
}
#endif

} // namespace detail

// Logs one line. Costs a helper call; keep it off hot paths in production.
template <class... Args>
MEMCGPP_INLINE void log(detail::log_format<detail::type_identity_t<Args>...> format, Args... args) {
#if MEMCGPP_BPF
  if constexpr (sizeof...(Args) <= 3) {
    bpf::helper<long(const char*, std::uint32_t, ...)>(bpf::helper_id::trace_printk)(
        format.text(), format.size(), detail::log_value(args)...);
  } else {
    const std::uint64_t values[] = {detail::log_value(args)...};
    bpf::helper<long(const char*, std::uint32_t, const void*, std::uint32_t)>(
        bpf::helper_id::trace_vprintk)(format.text(), format.size(), values, sizeof(values));
  }
#else
  const std::uint64_t values[] = {detail::log_value(args)..., 0};
  auto& env = host::env();
  env.log.push_back(detail::format_log_line(format.text(), format.size(), values));
  if (env.echo_log)
    std::fprintf(stderr, "%s\n", env.log.back().c_str());
#endif
}

} // namespace memcgpp
