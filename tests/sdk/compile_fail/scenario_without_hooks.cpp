// expect: the policy implements no hook
#include <memcgpp/testing.hpp>
class idle : public memcgpp::policy<idle> {
public:
  static constexpr memcgpp::policy_name name{"idle"};
  // A hook's name with the wrong signature is no hook.
  int below_low(memcgpp::protection_context&) { return 1; }
};
memcgpp::testing::scenario<idle> s;
