// expect: policy_name_must_be_a_c_identifier
#include <memcgpp/policy.hpp>
constexpr memcgpp::policy_name name{"two words"};
