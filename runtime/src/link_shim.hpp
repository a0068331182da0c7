// Attaching memcg_ops as a BPF link with any libbpf. libbpf 1.2 added
// `.struct_ops.link` sections and links; libbpf 1.1 (Debian 12's) has
// neither. With it, the section is renamed `.struct_ops` in the object's
// bytes, the map gets BPF_F_LINK before load, and the link is made with
// BPF_LINK_CREATE, which is what newer libbpf does itself.
#pragma once

#include <vector>

#include "memcgpp/runtime/result.hpp"

struct bpf_map;

namespace memcgpp::detail {

bool libbpf_knows_struct_ops_link();

// Renames `.struct_ops.link` (and its relocations and BTF DATASEC) to
// `.struct_ops` in place; returns whether there was one.
bool rename_struct_ops_link(std::vector<unsigned char>& elf);

// Registers a loaded struct_ops map (made with BPF_F_LINK) through a link;
// returns the link's fd.
result<int> attach_struct_ops_link(::bpf_map* map);

} // namespace memcgpp::detail
