// The sections of a 64-bit BPF object held in memory, each checked to lie
// within it, for the few edits the runtime makes before libbpf opens an
// object.
#pragma once

#include <elf.h>

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace memcgpp::detail {

struct elf_section {
  std::string_view name;
  Elf64_Shdr* header;
  std::span<unsigned char> bytes; // SHT_NOBITS sections have none
};

class elf_view {
public:
  // Empty when the headers or a section lie outside elf.
  static std::optional<elf_view> parse(std::vector<unsigned char>& elf);

  const std::vector<elf_section>& sections() const { return sections_; }
  const elf_section* find(std::string_view name) const;
  // The section table's own names, which renaming a section edits.
  std::span<char> section_names() const { return names_; }

private:
  std::vector<elf_section> sections_;
  std::span<char> names_;
};

} // namespace memcgpp::detail
