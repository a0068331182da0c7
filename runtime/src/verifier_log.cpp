#include "verifier_log.hpp"

#include <bpf/libbpf.h>
#include <fmt/format.h>

#include <cstdarg>
#include <cstdio>
#include <sstream>
#include <vector>

namespace memcgpp::detail {
namespace {

thread_local std::string* capture_target = nullptr;

int capture(libbpf_print_level level, const char* format, va_list args) {
  if (!capture_target)
    return level == LIBBPF_DEBUG ? 0 : std::vfprintf(stderr, format, args);
  va_list copy;
  va_copy(copy, args);
  const int n = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  if (n > 0) {
    std::string piece(static_cast<std::size_t>(n) + 1, '\0');
    std::vsnprintf(piece.data(), piece.size(), format, args);
    piece.pop_back();
    *capture_target += piece;
  }
  return n;
}

thread_local std::string captured;

} // namespace

libbpf_log_capture::libbpf_log_capture() {
  captured.clear();
  capture_target = &captured;
  libbpf_set_print(capture);
}

libbpf_log_capture::~libbpf_log_capture() { capture_target = nullptr; }

const std::string& libbpf_log_capture::text() const { return captured; }

std::string describe_verifier_rejection(const std::string& output) {
  std::istringstream in(output);
  std::string line, program, where;
  std::vector<std::string> log;
  bool in_log = false;
  while (std::getline(in, line)) {
    if (line.find("-- BEGIN PROG LOAD LOG --") != std::string::npos) {
      in_log = true;
      log.clear();
      continue;
    }
    if (line.find("-- END PROG LOAD LOG --") != std::string::npos) {
      in_log = false;
      continue;
    }
    if (const auto at = line.find("prog '"); program.empty() && at != std::string::npos)
      program = line.substr(at + 6, line.find('\'', at + 6) - at - 6);
    if (in_log)
      log.push_back(line);
  }
  if (log.empty())
    return {};
  // The reason is the last line before the verifier's totals; the source
  // line is the last annotation ("; code @ file:line") before the reason.
  std::size_t reason = log.size();
  while (reason > 0 && (log[reason - 1].empty() || log[reason - 1].rfind("processed ", 0) == 0 ||
                        log[reason - 1].rfind("verification time", 0) == 0 ||
                        log[reason - 1].rfind("stack depth", 0) == 0))
    --reason;
  if (reason == 0)
    return {};
  std::string code;
  for (std::size_t i = 0; i + 1 < reason; ++i)
    if (const auto at = log[i].rfind(" @ "); log[i].rfind("; ", 0) == 0 && at != std::string::npos) {
      code = log[i].substr(2, at - 2);
      where = log[i].substr(at + 3);
    }
  std::string message = fmt::format("the verifier rejected program `{}`: {}", program, log[reason - 1]);
  if (!where.empty())
    message += fmt::format("\n  at {}: {}", where, code);
  message += "\n  the verifier's log ends:";
  for (std::size_t i = reason > 8 ? reason - 8 : 0; i < reason; ++i)
    message += "\n    " + log[i];
  return message;
}

} // namespace memcgpp::detail
