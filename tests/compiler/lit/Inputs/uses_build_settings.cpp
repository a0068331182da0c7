// Needs -I and -D from the build: settings.hpp and POLICY_PAGES.
#include <memcgpp/memcgpp.hpp>
#include <settings.hpp>

class from_build : public memcgpp::policy<from_build> {
public:
  static constexpr memcgpp::policy_name name{"from_build"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    return c.charge_done() ? memcgpp::keep_default : memcgpp::reclaim_pages(reclaim_from_build);
  }
};
