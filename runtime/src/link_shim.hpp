// Attaching memcg_ops as a BPF link with any libbpf. libbpf 1.2 added
// `.struct_ops.link` sections and links; libbpf 1.1 (Debian 12's) has
// neither. With it, the section is renamed `.struct_ops` in the object's
// bytes, the map gets BPF_F_LINK before load, and the link is made with
// BPF_LINK_CREATE, which is what newer libbpf does itself.
//
// No libbpf call attaches a struct_ops map to a cgroup with BPF_F_CGROUP_FD,
// so that link is always made here: the map's value is given to the kernel once
// (readying the map), then BPF_LINK_CREATE takes the cgroup's fd as its
// target, with BPF_F_CGROUP_FD.
#pragma once

#include <vector>

#include "memcgpp/runtime/result.hpp"

struct bpf_map;
struct bpf_object;

namespace memcgpp::detail {

bool libbpf_knows_struct_ops_link();

// Renames `.struct_ops.link` (and its relocations and BTF DATASEC) to
// `.struct_ops` in place; returns whether there was one.
bool rename_struct_ops_link(std::vector<unsigned char>& elf);

// Registers a loaded struct_ops map (made with BPF_F_LINK) through a link;
// returns the link's fd.
result<int> attach_struct_ops_link(::bpf_map* map);

// Gives the kernel the value of a loaded struct_ops map made with
// BPF_F_LINK: each hook's program. The kernel takes it once, and then any
// number of links may attach the map. Returns 0 (also when the map was ready
// already) or a negative errno.
int ready_struct_ops_map(::bpf_object* object, ::bpf_map* map);

// BPF_LINK_CREATE of a ready struct_ops map, attached to the cgroup open as
// cgroup_fd, or globally when cgroup_fd < 0. Returns the link's fd, or a
// negative errno.
int create_struct_ops_link(::bpf_map* map, int cgroup_fd, bool allow_override);

} // namespace memcgpp::detail
