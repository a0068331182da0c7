// expect: the policy has no hook `memcgpp::protection_verdict below_min(memcgpp::protection_context&)`
// target: bpf
#include <memcgpp/bpf/struct_ops.hpp>
class low_only : public memcgpp::policy<low_only> {
public:
  static constexpr memcgpp::policy_name name{"low_only"};
  memcgpp::protection_verdict below_low(memcgpp::protection_context&) { return memcgpp::protect; }
};
extern "C" bool entry(unsigned long long* ctx) { return memcgpp::bpf::run_below_min<low_only>(ctx); }
