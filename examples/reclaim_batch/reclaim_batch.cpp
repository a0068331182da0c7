// Raises the reclaim size for one cgroup, marked as batch by a parameter, so
// that its reclaim happens in fewer, larger passes: a huge page's worth of
// pages each time one of its charges fails, instead of the charge's size.
#include <memcgpp/memcgpp.hpp>

class reclaim_batch : public memcgpp::policy<reclaim_batch> {
public:
  static constexpr memcgpp::policy_name name{"reclaim_batch"};
  // The batch cgroup's id: the inode number of its cgroupfs directory.
  memcgpp::param<std::uint64_t> batch_cgroup;
  // [0]: reclaim passes raised for the batch cgroup.
  memcgpp::array_map<std::uint32_t, std::uint64_t, 1> raised;

  memcgpp::charge_verdict try_charge_memcg(memcgpp::charge_context& c) {
    if (!c.charge_done() && c.memcg().id() == batch_cgroup) {
      raised.increment(0);
      return memcgpp::reclaim_pages(memcgpp::huge_page_pages);
    }
    return memcgpp::keep_default;
  }
};
