// expect: this map is not bound to a BPF map: compile the policy with memcgpp-compile
// target: bpf
#include <memcgpp/maps.hpp>
memcgpp::hash_map<int, int, 4> counts;
int f() { return counts.increment(1); }
