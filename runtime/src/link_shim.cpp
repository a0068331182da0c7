#include "link_shim.hpp"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <elf.h>
#include <linux/btf.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "system_error.hpp"

namespace memcgpp::detail {
namespace {

constexpr std::string_view link_section = ".struct_ops.link";
constexpr std::string_view rel_link_section = ".rel.struct_ops.link";
constexpr int attach_struct_ops = 44; // BPF_STRUCT_OPS, absent from older UAPI headers

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

} // namespace

bool libbpf_knows_struct_ops_link() {
  return libbpf_major_version() > 1 || (libbpf_major_version() == 1 && libbpf_minor_version() >= 2);
}

bool rename_struct_ops_link(std::vector<unsigned char>& elf) {
  if (elf.size() < sizeof(Elf64_Ehdr))
    return false;
  auto* ehdr = reinterpret_cast<Elf64_Ehdr*>(elf.data());
  if (ehdr->e_shoff + std::size_t{ehdr->e_shnum} * sizeof(Elf64_Shdr) > elf.size() ||
      ehdr->e_shstrndx >= ehdr->e_shnum)
    return false;
  auto* shdrs = reinterpret_cast<Elf64_Shdr*>(elf.data() + ehdr->e_shoff);
  const Elf64_Shdr& names = shdrs[ehdr->e_shstrndx];
  if (names.sh_offset + names.sh_size > elf.size())
    return false;
  // The BTF first: finding it needs the section names as they are.
  for (int i = 0; i < ehdr->e_shnum; ++i) {
    if (shdrs[i].sh_name >= names.sh_size || shdrs[i].sh_offset + shdrs[i].sh_size > elf.size() ||
        shdrs[i].sh_size < sizeof(btf_header) ||
        std::strcmp(reinterpret_cast<char*>(elf.data() + names.sh_offset + shdrs[i].sh_name), ".BTF"))
      continue;
    auto* btf = reinterpret_cast<btf_header*>(elf.data() + shdrs[i].sh_offset);
    if (btf->magic == BTF_MAGIC && std::size_t{btf->hdr_len} + btf->str_off + btf->str_len <= shdrs[i].sh_size)
      cut_link_suffixes(reinterpret_cast<char*>(btf) + btf->hdr_len + btf->str_off, btf->str_len);
  }
  return cut_link_suffixes(reinterpret_cast<char*>(elf.data() + names.sh_offset), names.sh_size);
}

result<int> attach_struct_ops_link(::bpf_map* map) {
  const std::string what = std::string("attach ") + bpf_map__name(map);
  ::bpf_link* link = bpf_map__attach_struct_ops(map);
  if (!link)
    return system_error(what, errno);
  if (libbpf_knows_struct_ops_link()) {
    // A real link: keep its fd, and let libbpf forget it.
    const int fd = bpf_link__fd(link);
    bpf_link__disconnect(link);
    bpf_link__destroy(link);
    return fd;
  }
  // libbpf 1.1's update only readied the map; the link registers it.
  bpf_link__disconnect(link);
  bpf_link__destroy(link);
  const int fd = bpf_link_create(bpf_map__fd(map), 0, static_cast<bpf_attach_type>(attach_struct_ops), nullptr);
  if (fd < 0)
    return system_error(what, -fd);
  return fd;
}

} // namespace memcgpp::detail
