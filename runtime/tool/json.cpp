#include "json.hpp"

#include <fmt/format.h>

namespace memcgpp::cli {

void json_writer::separate() {
  if (need_comma_)
    out_ += ',';
  need_comma_ = true;
}

json_writer& json_writer::open(char bracket) {
  separate();
  out_ += bracket;
  need_comma_ = false;
  return *this;
}
json_writer& json_writer::close(char bracket) {
  out_ += bracket;
  need_comma_ = true;
  return *this;
}
json_writer& json_writer::key(std::string_view name) {
  value(name);
  out_ += ':';
  need_comma_ = false;
  return *this;
}
json_writer& json_writer::value(std::string_view text) {
  separate();
  out_ += '"';
  for (const char c : text) {
    if (c == '"' || c == '\\')
      out_ += fmt::format("\\{}", c);
    else if (static_cast<unsigned char>(c) < 0x20)
      out_ += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    else
      out_ += c;
  }
  out_ += '"';
  return *this;
}
json_writer& json_writer::value(std::uint64_t number) {
  separate();
  out_ += std::to_string(number);
  return *this;
}
json_writer& json_writer::value(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
  return *this;
}

} // namespace memcgpp::cli
