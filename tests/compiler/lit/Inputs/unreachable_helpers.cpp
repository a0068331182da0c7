// A helper outside the subset that no hook calls: for tests, or user space.
#include <memcgpp/memcgpp.hpp>

inline double describe(int pages) {
  int* copy = new int(pages);
  const double ratio = *copy / 512.0;
  delete copy;
  if (ratio > 1)
    throw ratio;
  return ratio;
}

class free_helpers : public memcgpp::policy<free_helpers> {
public:
  static constexpr memcgpp::policy_name name{"free"};
  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context&) { return memcgpp::keep_default; }
};
