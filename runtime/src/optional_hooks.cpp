#include "optional_hooks.hpp"

#include <bpf/btf.h>
#include <fmt/format.h>

#include <cstring>
#include <memory>

#include "elf_view.hpp"

namespace memcgpp::detail {
namespace {

error malformed(std::string_view why) {
  return error(errc::not_bpf_object,
               fmt::format("cannot take the optional hooks out of the policy object: {}; rebuild it with "
                           "memcgpp-compile",
                           why));
}

using btf_handle = std::unique_ptr<::btf, decltype(&btf__free)>;

// The object's .BTF: its header, where libbpf parsed it, and its types as
// bytes that can be edited.
struct btf_section {
  btf_header* header;
  btf_handle parsed{nullptr, btf__free};
  unsigned char* types;

  // Where type id's record starts among the types. libbpf keeps a parsed
  // BTF's types as they lie in the section, so the distance from the first
  // type is the offset; the bytes there are checked to be the type's.
  long offset_of(int id) const {
    const auto* type = btf__type_by_id(parsed.get(), id);
    const long offset = reinterpret_cast<const unsigned char*>(type) -
                        reinterpret_cast<const unsigned char*>(btf__type_by_id(parsed.get(), 1));
    if (offset < 0 || static_cast<std::size_t>(offset) + sizeof(btf_type) > header->type_len ||
        std::memcmp(types + offset, type, sizeof(btf_type)) != 0)
      return -1;
    return offset;
  }
};

result<btf_section> read_btf(const elf_view& view) {
  const elf_section* section = view.find(".BTF");
  if (!section || section->bytes.size() < sizeof(btf_header))
    return malformed("it has no BTF");
  btf_section btf{reinterpret_cast<btf_header*>(section->bytes.data()), {nullptr, btf__free}, nullptr};
  const btf_header& h = *btf.header;
  // The layout compilers write: header, types, strings, nothing between.
  if (h.magic != BTF_MAGIC || h.hdr_len < sizeof(btf_header) || h.type_off != 0 || h.str_off != h.type_len ||
      std::size_t{h.hdr_len} + h.str_off + h.str_len != section->bytes.size())
    return malformed("its BTF is not laid out as compilers write it");
  btf.parsed.reset(btf__new(section->bytes.data(), static_cast<__u32>(section->bytes.size())));
  if (!btf.parsed)
    return malformed("libbpf cannot parse its BTF");
  btf.types = section->bytes.data() + h.hdr_len;
  return btf;
}

// Where the struct_ops variable of type struct_id lies: its section, and
// its offset there.
struct struct_ops_variable {
  std::string section;
  std::uint32_t offset;
};

std::optional<struct_ops_variable> find_variable(const ::btf* btf, int struct_id) {
  for (const char* section : {".struct_ops", ".struct_ops.link"}) {
    const int id = btf__find_by_name_kind(btf, section, BTF_KIND_DATASEC);
    if (id < 0)
      continue;
    const ::btf_type* datasec = btf__type_by_id(btf, id);
    const ::btf_var_secinfo* vars = btf_var_secinfos(datasec);
    for (int i = 0; i < btf_vlen(datasec); ++i)
      if (btf__resolve_type(btf, btf__type_by_id(btf, vars[i].type)->type) == struct_id)
        return struct_ops_variable{section, vars[i].offset};
  }
  return std::nullopt;
}

// Removes the relocation that puts a program into the struct_ops variable
// at byte `at` of its section. Returns the program's name, or "" when the
// member was null.
result<std::string> drop_relocation(const elf_view& view, const struct_ops_variable& variable, std::uint64_t at) {
  const elf_section* rel = view.find(".rel" + variable.section);
  if (!rel)
    return std::string();
  const auto& sections = view.sections();
  const Elf64_Shdr& header = *rel->header;
  if (header.sh_type != SHT_REL || header.sh_link >= sections.size() ||
      sections[header.sh_link].header->sh_link >= sections.size())
    return malformed(fmt::format("its section {} is not a relocation table with symbols", rel->name));
  const elf_section& symtab = sections[header.sh_link];
  const std::span<unsigned char> strtab = sections[symtab.header->sh_link].bytes;
  const std::span<const Elf64_Sym> symbols(reinterpret_cast<const Elf64_Sym*>(symtab.bytes.data()),
                                           symtab.bytes.size() / sizeof(Elf64_Sym));
  auto* entries = reinterpret_cast<Elf64_Rel*>(rel->bytes.data());
  const std::size_t count = rel->bytes.size() / sizeof(Elf64_Rel);
  for (std::size_t i = 0; i < count; ++i) {
    if (entries[i].r_offset != at)
      continue;
    const std::size_t target = ELF64_R_SYM(entries[i].r_info);
    if (target >= symbols.size())
      return malformed(fmt::format("a relocation in {} names no symbol", rel->name));
    // libbpf finds the program by the instruction the symbol points at, and
    // names it after the function there.
    std::string program;
    for (const Elf64_Sym& symbol : symbols)
      if (ELF64_ST_TYPE(symbol.st_info) == STT_FUNC && symbol.st_shndx == symbols[target].st_shndx &&
          symbol.st_value == symbols[target].st_value && symbol.st_name < strtab.size())
        program.assign(reinterpret_cast<const char*>(strtab.data()) + symbol.st_name,
                       strnlen(reinterpret_cast<const char*>(strtab.data()) + symbol.st_name,
                               strtab.size() - symbol.st_name));
    if (program.empty())
      return malformed(fmt::format("a relocation in {} points at no function", rel->name));
    // libbpf gives a program one member (its expected attach type), so no
    // other member shares it.
    std::memmove(entries + i, entries + i + 1, (count - i - 1) * sizeof(Elf64_Rel));
    rel->header->sh_size -= sizeof(Elf64_Rel);
    return program;
  }
  return std::string();
}

// Drops one member: see drop_struct_ops_members.
result<std::string> drop_member(std::vector<unsigned char>& elf, std::string_view struct_name,
                                const std::string& member) {
  auto view = elf_view::parse(elf);
  if (!view)
    return malformed("its section headers are corrupt");
  auto btf = read_btf(*view);
  if (!btf)
    return btf.err();
  const ::btf* parsed = btf->parsed.get();
  const int struct_id = btf__find_by_name_kind(parsed, std::string(struct_name).c_str(), BTF_KIND_STRUCT);
  if (struct_id < 0)
    return malformed(fmt::format("its BTF has no struct {}", struct_name));
  const ::btf_type* type = btf__type_by_id(parsed, struct_id);
  int index = -1;
  for (int i = 0; i < btf_vlen(type); ++i)
    if (member == btf__name_by_offset(parsed, btf_members(type)[i].name_off))
      index = i;
  const long offset = btf->offset_of(struct_id);
  if (index < 0 || offset < 0)
    return malformed(fmt::format("its struct {} has no member {}", struct_name, member));
  const auto variable = find_variable(parsed, struct_id);
  if (!variable)
    return malformed(fmt::format("it has no struct_ops variable of type struct {}", struct_name));
  auto program = drop_relocation(*view, *variable, variable->offset + btf_member_bit_offset(type, index) / 8);
  if (!program)
    return program.err();

  // Tags on later members move down one; a tag on this member now tags the
  // struct.
  for (unsigned id = 1; id < btf__type_cnt(parsed); ++id) {
    const ::btf_type* tag = btf__type_by_id(parsed, id);
    const long at = btf_is_decl_tag(tag) && tag->type == static_cast<__u32>(struct_id) ? btf->offset_of(id) : -1;
    if (at < 0)
      continue;
    auto* component = reinterpret_cast<struct ::btf_decl_tag*>(btf->types + at + sizeof(btf_type));
    if (component->component_idx == index)
      component->component_idx = -1;
    else if (component->component_idx > index)
      --component->component_idx;
  }
  // The member's record leaves the types; the strings move down after it,
  // and zeros (empty strings) fill the end, so the section keeps its size.
  btf_header& header = *btf->header;
  unsigned char* record = btf->types + offset + sizeof(btf_type) + index * sizeof(btf_member);
  unsigned char* end = btf->types + header.str_off + header.str_len;
  std::memmove(record, record + sizeof(btf_member), static_cast<std::size_t>(end - record) - sizeof(btf_member));
  std::memset(end - sizeof(btf_member), 0, sizeof(btf_member));
  reinterpret_cast<btf_type*>(btf->types + offset)->info -= 1; // vlen, the low 16 bits, is > 0
  header.type_len -= sizeof(btf_member);
  header.str_off -= sizeof(btf_member);
  header.str_len += sizeof(btf_member);
  return program;
}

} // namespace

std::vector<std::string> optional_hooks(std::vector<unsigned char>& elf) {
  std::vector<std::string> names;
  auto view = elf_view::parse(elf);
  const elf_section* section = view ? view->find(optional_hooks_section) : nullptr;
  if (!section)
    return names;
  const std::string_view text(reinterpret_cast<const char*>(section->bytes.data()), section->bytes.size());
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\0', start), text.size());
    if (end > start)
      names.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

result<std::vector<std::string>> drop_struct_ops_members(std::vector<unsigned char>& elf,
                                                         std::string_view struct_name,
                                                         const std::vector<std::string>& members) {
  std::vector<unsigned char> edited = elf;
  std::vector<std::string> programs;
  for (const auto& member : members) {
    auto program = drop_member(edited, struct_name, member);
    if (!program)
      return program.err();
    if (!program->empty())
      programs.push_back(std::move(*program));
  }
  elf = std::move(edited);
  return programs;
}

} // namespace memcgpp::detail
