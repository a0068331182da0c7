// The smallest policy: its hook does nothing. bench/run measures what merely
// having a handler attached costs the charge path.
#include <memcgpp/memcgpp.hpp>

class empty : public memcgpp::policy<empty> {
public:
  static constexpr memcgpp::policy_name name{"empty"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&) { return memcgpp::keep_default; }
};
