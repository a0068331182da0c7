// expect: log_format_has_more_conversions_than_arguments
#include <memcgpp/log.hpp>
void f() { memcgpp::log("%d and %d", 1); }
