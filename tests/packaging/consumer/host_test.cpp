// The installed SDK's host backend runs the same policy natively.
#include <memcgpp/testing.hpp>

#include POLICY_SOURCE

int main() {
  memcgpp::testing::scenario<reclaim_batch> s;
  auto& batch = s.add_cgroup("batch", {.max_pages = 1});
  s.policy().batch_cgroup.set(batch.id);
  s.fill(batch, 1);
  return s.charge(batch, 1).reclaim_pages == memcgpp::huge_page_pages ? 0 : 1;
}
