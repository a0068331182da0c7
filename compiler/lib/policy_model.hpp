// What memcgpp-compile knows about a policy once it has found it in the AST:
// the class, its name, its hooks, and the maps, parameters and ring buffers
// that the lowering binds to BPF objects.
#pragma once

#include <clang/AST/Attr.h>
#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>

#include <cstdint>
#include <string>
#include <vector>

namespace memcgpp::compiler {

// A hook the kernel's memcg_ops has, as the SDK declares it.
struct hook_spec {
  const char* name;       // the member function, and the struct_ops member
  const char* short_name; // in program names, which the kernel cuts at 15
  const char* signature;  // for diagnostics
  const char* runner;     // the SDK's memcgpp::bpf function that runs it
  const char* context;    // the parameter: a reference to this memcgpp class
  const char* verdict;    // the return type: this memcgpp enum, or null for void
  // The program's return type, the runner's: the kernel member's.
  const char* program_returns;
  // The struct memcg_ops member's parameters, after the kernel's, in the
  // lowered source (whose kernel types are memcgpp::kernel's mirrors).
  const char* member_parameters;
};

// Every hook memcg_ops offers, in the order of struct memcg_ops.
const std::vector<hook_spec>& known_hooks();

// The hook names, "a, b, ... and z", for diagnostics.
std::string hook_names();

struct hook {
  const hook_spec* spec;
  const clang::CXXMethodDecl* method;
  // MEMCGPP_OPTIONAL_HOOK's annotation, when the policy can do without the
  // hook on a kernel that lacks it; null otherwise.
  const clang::AnnotateAttr* optional;
};

// The annotation MEMCGPP_OPTIONAL_HOOK puts on a method.
inline constexpr const char* optional_hook_annotation = "memcgpp::optional_hook";

// A map member: memcgpp::basic_map<Kind, K, V, N> (or one of its aliases).
struct map_member {
  const clang::FieldDecl* field;
  unsigned kind;        // the BPF map type, memcgpp::map_kind's value
  clang::QualType key;
  clang::QualType value;
  std::uint64_t capacity;
};

// A parameter member: memcgpp::param<T>, with its default value, if any.
struct param_member {
  const clang::FieldDecl* field;
  clang::QualType type;
  const clang::Expr* initial; // null: zero
};

// A ring buffer member: memcgpp::ring_buffer<Event, Bytes>.
struct ring_buffer_member {
  const clang::FieldDecl* field;
  clang::QualType event;
  std::uint64_t bytes;
};

struct policy_model {
  const clang::CXXRecordDecl* record = nullptr;
  std::string name; // from `static constexpr memcgpp::policy_name name{...}`
  std::vector<hook> hooks;
  std::vector<map_member> maps;
  std::vector<param_member> params;
  std::vector<ring_buffer_member> ring_buffers;
};

} // namespace memcgpp::compiler
