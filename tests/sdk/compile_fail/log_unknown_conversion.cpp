// expect: log_format_has_an_unknown_conversion
#include <memcgpp/log.hpp>
void f() { memcgpp::log("ratio %f", 1); }
