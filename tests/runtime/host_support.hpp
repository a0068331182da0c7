// What the runtime's host tests share: where the compiled test objects are,
// and how an error's message is checked.
#pragma once

#include <memcgpp/runtime.hpp>

#include <string>

#ifndef TEST_OBJECTS
#error "TEST_OBJECTS: the directory of the compiled test objects"
#endif

namespace host_support {

inline std::string object(const std::string& name) { return std::string(TEST_OBJECTS) + "/" + name; }

inline bool mentions(const memcgpp::error& e, const std::string& text) {
  return e.message().find(text) != std::string::npos;
}

} // namespace host_support
