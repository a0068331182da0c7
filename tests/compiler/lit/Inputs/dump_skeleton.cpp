// Writes the object a skeleton embeds to the file named by argv[1], and uses
// its types, so that a test can compare both with what memcgpp-compile wrote.
#include SKELETON

#include <cstdio>

int main(int argc, char** argv) {
  using skel = keyed_skeleton;
  static_assert(sizeof(skel::charges_map::key_type) == 16);
  static_assert(sizeof(skel::events_ring_buffer::event_type) == 16);
  static_assert(skel::has_hook("try_charge_memcg") && !skel::has_hook("below_low"));
  const skel::charges_map::key_type key{1, 0, 0};
  (void)key;
  if (argc < 2)
    return 2;
  std::FILE* out = std::fopen(argv[1], "wb");
  const auto bytes = skel::object();
  return out && std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size() && std::fclose(out) == 0 ? 0 : 1;
}
