// Reading the verifier's log, which libbpf prints when a load fails: the
// reason, the policy's source line it names, and the log's last lines.
#pragma once

#include <string>

namespace memcgpp::detail {

// Collects libbpf's messages while alive, on this thread.
class libbpf_log_capture {
public:
  libbpf_log_capture();
  ~libbpf_log_capture();
  libbpf_log_capture(const libbpf_log_capture&) = delete;
  libbpf_log_capture& operator=(const libbpf_log_capture&) = delete;
  const std::string& text() const;
};

// A message for a verifier rejection found in libbpf's output, or "" when
// the output holds no verifier log.
std::string describe_verifier_rejection(const std::string& libbpf_output);

} // namespace memcgpp::detail
