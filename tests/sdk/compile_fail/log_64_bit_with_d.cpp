// expect: log_format_wants_an_integer_of_at_most_32_bits_here_use_l_or_ll
#include <cstdint>
#include <memcgpp/log.hpp>
void f(std::uint64_t pages) { memcgpp::log("pages %d", pages); }
