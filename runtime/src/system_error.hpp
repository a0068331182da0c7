// Turning errno values into the runtime's errors, with what to do about them.
#pragma once

#include <string>

#include "memcgpp/runtime/result.hpp"

namespace memcgpp::detail {

// what: what failed ("attach reclaim_batch"); err: a positive errno.
error system_error(const std::string& what, int err);

} // namespace memcgpp::detail
