// expect: log_format_has_fewer_conversions_than_arguments
#include <memcgpp/log.hpp>
void f() { memcgpp::log("just %d", 1, 2); }
