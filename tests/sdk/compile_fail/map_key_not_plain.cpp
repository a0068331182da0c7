// expect: a map key must be a standard-layout, trivially copyable type
#include <memcgpp/maps.hpp>
struct key {
  key(const key&) {}
  int id;
};
memcgpp::hash_map<key, int, 4> bad;
