// expect: array maps are indexed by std::uint32_t
#include <memcgpp/maps.hpp>
memcgpp::array_map<std::uint64_t, int, 4> bad;
