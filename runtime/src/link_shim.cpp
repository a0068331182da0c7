#include "link_shim.hpp"

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/btf.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

#include "elf_view.hpp"
#include "system_error.hpp"

namespace memcgpp::detail {
namespace {

constexpr std::string_view link_section = ".struct_ops.link";
constexpr std::string_view rel_link_section = ".rel.struct_ops.link";
constexpr int attach_struct_ops = 44; // BPF_STRUCT_OPS, absent from older UAPI headers
#ifndef BPF_F_CGROUP_FD
// BPF_LINK_CREATE of a struct_ops map: target_fd is a cgroup to attach to.
constexpr unsigned BPF_F_CGROUP_FD = 1U << 7;
#endif

// Cuts ".link" off each such name in a string table; names may share tails,
// so each is cut where it stands.
bool cut_link_suffixes(char* strings, std::size_t size) {
  bool found = false;
  for (std::size_t off = 0; off < size;) {
    char* str = strings + off;
    const std::size_t n = strnlen(str, size - off);
    const std::string_view name(str, n);
    if (name == link_section || name == rel_link_section) {
      str[n - std::strlen(".link")] = '\0';
      found = true;
    }
    off += n + 1;
  }
  return found;
}

// Closes a libbpf link object without detaching anything.
void forget(::bpf_link* link) {
  bpf_link__disconnect(link);
  bpf_link__destroy(link);
}

// The value libbpf >= 1.2 builds for a struct_ops map at load, and keeps to
// itself until bpf_map__attach_struct_ops: the kernel's value type (struct
// bpf_struct_ops_memcg_ops), zero but for its hooks, each holding its
// program's fd. libbpf records each program's member of the kernel's type as
// its expected attach type. Returns 0 or a negative errno.
int struct_ops_value(::bpf_object* object, ::bpf_map* map, std::vector<unsigned char>& value) {
  ::btf* vmlinux = btf__load_vmlinux_btf();
  if (!vmlinux)
    return -errno;
  int err = -ENOENT;
  const int ops_id = btf__find_by_name_kind(vmlinux, "memcg_ops", BTF_KIND_STRUCT);
  const int value_id = btf__find_by_name_kind(vmlinux, "bpf_struct_ops_memcg_ops", BTF_KIND_STRUCT);
  if (ops_id > 0 && value_id > 0) {
    const ::btf_type* ops = btf__type_by_id(vmlinux, ops_id);
    const ::btf_type* wrapper = btf__type_by_id(vmlinux, value_id);
    // The wrapper's member of type memcg_ops holds the hooks.
    long data_off = -1;
    for (int i = 0; i < btf_vlen(wrapper); ++i)
      if (btf_members(wrapper)[i].type == static_cast<__u32>(ops_id))
        data_off = btf_members(wrapper)[i].offset / 8;
    err = -EINVAL;
    if (data_off >= 0 && bpf_map__value_size(map) == wrapper->size) {
      value.assign(wrapper->size, 0);
      err = 0;
      ::bpf_program* program;
      bpf_object__for_each_program(program, object) {
        const auto member = static_cast<unsigned>(bpf_program__expected_attach_type(program));
        if (bpf_program__type(program) != BPF_PROG_TYPE_STRUCT_OPS || bpf_program__fd(program) < 0 ||
            member >= btf_vlen(ops))
          continue;
        // A program of another struct_ops type in the same object is not ours.
        ::bpf_prog_info info{};
        __u32 size = sizeof(info);
        if (bpf_obj_get_info_by_fd(bpf_program__fd(program), &info, &size) == 0 &&
            info.attach_btf_id != static_cast<__u32>(ops_id))
          continue;
        const unsigned long fd = static_cast<unsigned long>(bpf_program__fd(program));
        std::memcpy(value.data() + data_off + btf_members(ops)[member].offset / 8, &fd, sizeof(fd));
      }
    }
  }
  btf__free(vmlinux);
  return err;
}

} // namespace

bool libbpf_knows_struct_ops_link() {
  return libbpf_major_version() > 1 || (libbpf_major_version() == 1 && libbpf_minor_version() >= 2);
}

bool rename_struct_ops_link(std::vector<unsigned char>& elf) {
  auto view = elf_view::parse(elf);
  if (!view)
    return false;
  // The BTF first: finding it needs the section names as they are.
  if (const elf_section* section = view->find(".BTF"); section && section->bytes.size() >= sizeof(btf_header)) {
    auto* btf = reinterpret_cast<btf_header*>(section->bytes.data());
    if (btf->magic == BTF_MAGIC && std::size_t{btf->hdr_len} + btf->str_off + btf->str_len <= section->bytes.size())
      cut_link_suffixes(reinterpret_cast<char*>(btf) + btf->hdr_len + btf->str_off, btf->str_len);
  }
  return cut_link_suffixes(view->section_names().data(), view->section_names().size());
}

result<int> attach_struct_ops_link(::bpf_map* map) {
  const std::string what = std::string("attach ") + bpf_map__name(map);
  if (!libbpf_knows_struct_ops_link()) {
    // libbpf 1.1's update only readies the map; the link registers it.
    if (const int err = ready_struct_ops_map(nullptr, map); err < 0)
      return system_error(what, -err);
    const int fd = create_struct_ops_link(map, -1, false);
    if (fd < 0)
      return system_error(what, -fd);
    return fd;
  }
  ::bpf_link* link = bpf_map__attach_struct_ops(map);
  if (!link)
    return system_error(what, errno);
  // A real link: keep its fd, and let libbpf forget it.
  const int fd = bpf_link__fd(link);
  forget(link);
  return fd;
}

int ready_struct_ops_map(::bpf_object* object, ::bpf_map* map) {
  if (!libbpf_knows_struct_ops_link()) {
    // libbpf 1.1 updates the map with the value it built, and makes no
    // link: it does not know the map is for one.
    ::bpf_link* updated = bpf_map__attach_struct_ops(map);
    if (!updated)
      return errno == EBUSY ? 0 : -errno; // EBUSY: the kernel has the value already
    forget(updated);
    return 0;
  }
  std::vector<unsigned char> value;
  if (const int err = struct_ops_value(object, map, value); err < 0)
    return err;
  const unsigned zero = 0;
  if (bpf_map_update_elem(bpf_map__fd(map), &zero, value.data(), 0) != 0 && errno != EBUSY)
    return -errno;
  return 0;
}

int create_struct_ops_link(::bpf_map* map, int cgroup_fd, bool allow_override) {
  // Not LIBBPF_OPTS: its C++ form differs between libbpf versions.
  bpf_link_create_opts opts{};
  opts.sz = sizeof(opts);
  if (cgroup_fd >= 0)
    opts.flags = BPF_F_CGROUP_FD | (allow_override ? BPF_F_ALLOW_OVERRIDE : 0u);
  const int fd = bpf_link_create(bpf_map__fd(map), cgroup_fd < 0 ? 0 : cgroup_fd,
                                 static_cast<bpf_attach_type>(attach_struct_ops), &opts);
  return fd < 0 ? (fd == -1 ? -errno : fd) : fd;
}

} // namespace memcgpp::detail
