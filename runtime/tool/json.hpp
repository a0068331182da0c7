// Just enough JSON for the CLI's --json output: objects and arrays of
// strings and numbers, written in order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace memcgpp::cli {

class json_writer {
public:
  json_writer& begin_object() { return open('{'); }
  json_writer& end_object() { return close('}'); }
  json_writer& begin_array() { return open('['); }
  json_writer& end_array() { return close(']'); }
  json_writer& key(std::string_view name);
  json_writer& value(std::string_view text);
  // Without it, a string literal would pick the bool overload.
  json_writer& value(const char* text) { return value(std::string_view(text)); }
  json_writer& value(std::uint64_t number);
  json_writer& value(bool flag);
  const std::string& str() const { return out_; }

private:
  json_writer& open(char bracket);
  json_writer& close(char bracket);
  void separate();
  std::string out_;
  bool need_comma_ = false;
};

} // namespace memcgpp::cli
