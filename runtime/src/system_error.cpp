#include "system_error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace memcgpp::detail {

error system_error(const std::string& what, int err) {
  switch (err) {
  case EPERM:
  case EACCES:
    return {errc::permission_denied,
            fmt::format("{}: {}; loading and attaching memcg_ops policies needs CAP_BPF, "
                        "CAP_PERFMON and CAP_SYS_ADMIN (run as root, or grant them)",
                        what, std::strerror(err))};
  case EEXIST:
  case EBUSY:
    return {errc::already_attached,
            fmt::format("{}: another memcg_ops policy is attached; detach it first "
                        "(memcgpp detach PIN, or stop the process that holds it)",
                        what)};
  case ENOENT:
    return {errc::not_found, fmt::format("{}: {}", what, std::strerror(err))};
  case EINVAL:
    return {errc::invalid_argument, fmt::format("{}: {}", what, std::strerror(err))};
  default:
    return {errc::system, fmt::format("{}: {}", what, std::strerror(err))};
  }
}

} // namespace memcgpp::detail
