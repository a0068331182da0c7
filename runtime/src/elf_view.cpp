#include "elf_view.hpp"

#include <cstring>

namespace memcgpp::detail {

std::optional<elf_view> elf_view::parse(std::vector<unsigned char>& elf) {
  if (elf.size() < sizeof(Elf64_Ehdr))
    return std::nullopt;
  const auto* ehdr = reinterpret_cast<const Elf64_Ehdr*>(elf.data());
  if (ehdr->e_shoff > elf.size() || std::size_t{ehdr->e_shnum} * sizeof(Elf64_Shdr) > elf.size() - ehdr->e_shoff ||
      ehdr->e_shstrndx >= ehdr->e_shnum)
    return std::nullopt;
  auto* headers = reinterpret_cast<Elf64_Shdr*>(elf.data() + ehdr->e_shoff);
  const auto within = [&](const Elf64_Shdr& h) {
    return h.sh_type == SHT_NOBITS || (h.sh_offset <= elf.size() && h.sh_size <= elf.size() - h.sh_offset);
  };
  const Elf64_Shdr& names = headers[ehdr->e_shstrndx];
  if (!within(names) || names.sh_size == 0)
    return std::nullopt;
  elf_view view;
  view.names_ = {reinterpret_cast<char*>(elf.data() + names.sh_offset), names.sh_size};
  for (int i = 0; i < ehdr->e_shnum; ++i) {
    Elf64_Shdr& h = headers[i];
    if (!within(h) || h.sh_name >= names.sh_size)
      return std::nullopt;
    const char* name = view.names_.data() + h.sh_name;
    elf_section section{{name, strnlen(name, names.sh_size - h.sh_name)}, &h, {}};
    if (h.sh_type != SHT_NOBITS)
      section.bytes = {elf.data() + h.sh_offset, h.sh_size};
    view.sections_.push_back(section);
  }
  return view;
}

const elf_section* elf_view::find(std::string_view name) const {
  for (const auto& section : sections_)
    if (section.name == name)
      return &section;
  return nullptr;
}

} // namespace memcgpp::detail
