// Passes every check of memcgpp-compile, yet the verifier rejects it: the
// map value may be absent and is used unchecked. The VM test expects the
// verifier's complaint at the marked line.
#include <memcgpp/memcgpp.hpp>

class verifier_hostile : public memcgpp::policy<verifier_hostile> {
public:
  static constexpr memcgpp::policy_name name{"hostile"};
  memcgpp::hash_map<std::uint64_t, std::uint64_t, 16> counts;

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    auto count = counts.lookup(c.memcg().id());
    *count += 1; // REJECTED HERE
    return memcgpp::keep_default;
  }
};
