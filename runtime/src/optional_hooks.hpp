// Hooks a policy can do without. A policy marks them optional by naming
// them, each NUL-terminated, in its object's `.memcgpp.optional` section
// (memcgpp-compile writes it for MEMCGPP_OPTIONAL_HOOK). On a kernel whose
// memcg_ops lacks such a member, the runtime takes the member out of the
// object before libbpf opens it, which libbpf 1.1 requires: it refuses any
// struct_ops member the kernel does not have, even a null one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "memcgpp/runtime/result.hpp"

namespace memcgpp::detail {

inline constexpr std::string_view optional_hooks_section = ".memcgpp.optional";

// The hooks the object marks optional; none when it has no such section.
std::vector<std::string> optional_hooks(std::vector<unsigned char>& elf);

// Takes the members out of the object's struct STRUCT_NAME, the type of its
// struct_ops variable: out of its BTF, and their relocations out of the
// struct_ops section's. Returns the programs that implemented them, which
// nothing references any more. The object is unchanged on error.
result<std::vector<std::string>> drop_struct_ops_members(std::vector<unsigned char>& elf,
                                                         std::string_view struct_name,
                                                         const std::vector<std::string>& members);

} // namespace memcgpp::detail
