// expect: a policy name has at most 15 characters
#include <memcgpp/policy.hpp>
constexpr memcgpp::policy_name name{"sixteen_chars_xy"};
