// Shapes of valid policies: helpers free and private, a lambda, loops with
// constant bounds, a bounded range, a policy in a namespace, constants.
#include <memcgpp/memcgpp.hpp>

namespace shapes {

constexpr std::uint64_t weights[4] = {1, 2, 4, 8};

inline std::uint64_t clamp_pages(std::uint64_t pages) {
  return pages > memcgpp::huge_page_pages ? memcgpp::huge_page_pages : pages;
}

class shaped : public memcgpp::policy<shaped> {
public:
  static constexpr memcgpp::policy_name name{"shaped"};
  static constexpr std::uint64_t floor_pages = 32;
  memcgpp::array_map<std::uint32_t, std::uint64_t, 4> seen;
  memcgpp::param<std::uint32_t> scale{2};

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    seen.increment(c.charge_done() ? 0 : 1);
    if (c.charge_done())
      return memcgpp::keep_default;
    std::uint64_t weight = 0;
    for (int i = 0; i < 4; ++i)
      weight += weights[i];
    for (std::uint32_t i : memcgpp::bounded_range<8>(c.nr_pages()))
      weight += i;
    const auto scaled = [this](std::uint64_t pages) { return pages * scale; };
    return memcgpp::reclaim_pages(clamp_pages(scaled(target(c.nr_pages()) + weight)));
  }

private:
  std::uint64_t target(std::uint64_t pages) const { return pages < floor_pages ? floor_pages : pages; }
};

} // namespace shapes
