// expect: log_format_wants_a_string_here
#include <memcgpp/log.hpp>
void f() { memcgpp::log("name %s", 42); }
