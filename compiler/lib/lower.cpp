#include "lower.hpp"

#include <clang/AST/QualTypeNames.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>
#include <clang/Rewrite/Core/Rewriter.h>
#include <llvm/ADT/StringExtras.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

namespace memcgpp::compiler {
namespace {

constexpr unsigned kernel_name_length = 15; // BPF_OBJ_NAME_LEN less the terminator
constexpr unsigned ringbuf_map_type = 27;   // BPF_MAP_TYPE_RINGBUF

class lowering {
public:
  lowering(const policy_model& policy, clang::ASTContext& context)
      : policy_(policy), context_(context), sources_(context.getSourceManager()),
        rewriter_(sources_, context.getLangOpts()), printing_(context.getLangOpts()) {
    printing_.SuppressScope = false;
    printing_.FullyQualifiedName = true;
    if (const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(policy.record->getDeclContext()))
      namespace_ = ns->getQualifiedNameAsString();
  }

  std::string run(const std::vector<const clang::FunctionDecl*>& reachable) {
    const std::set<const clang::FunctionDecl*> reached(reachable.begin(), reachable.end());
    for (const auto* function : reachable)
      if (sources_.isInMainFile(function->getLocation()) && !is_lambda(*function))
        rewriter_.InsertTextBefore(function->getInnerLocStart(), "__attribute__((always_inline)) ");
    drop_unreachable(reached);
    drop_optional_annotations();
    for (const auto& map : policy_.maps)
      bind(*map.field, fmt::format("::memcgpp::basic_map<static_cast<::memcgpp::map_kind>({}), {}, "
                                   "{}, {}, &{}>",
                                   map.kind, type(map.key), type(map.value), map.capacity,
                                   global(*map.field)));
    for (const auto& param : policy_.params)
      bind(*param.field, fmt::format("::memcgpp::param<{}, &{}>", type(param.type), global(*param.field)));
    for (const auto& ring : policy_.ring_buffers)
      bind(*ring.field, fmt::format("::memcgpp::ring_buffer<{}, {}, &{}>", type(ring.event), ring.bytes,
                                    global(*ring.field)));
    declare_globals();
    const clang::FileID main = sources_.getMainFileID();
    rewriter_.InsertTextAfter(sources_.getLocForEndOfFile(main), define_globals() + entry_points());
    const auto* buffer = rewriter_.getRewriteBufferFor(main);
    return buffer ? std::string(buffer->begin(), buffer->end())
                  : sources_.getBufferData(main).str();
  }

private:
  // Code no hook reaches may do anything, so the BPF build must not see it:
  // each such function keeps its signature, loses its body, and becomes
  // inline, so that nothing emits it.
  void drop_unreachable(const std::set<const clang::FunctionDecl*>& reached) {
    std::vector<const clang::FunctionDecl*> functions;
    collect_definitions(context_.getTranslationUnitDecl(), functions);
    for (const auto* function : functions) {
      if (reached.count(function) || !function->hasBody() || function->isConstexpr() ||
          function->isImplicit() || function->isTemplated() || function->isTemplateInstantiation() ||
          is_lambda(*function) || !sources_.isInMainFile(function->getLocation()) ||
          function->isMain())
        continue;
      const clang::CharSourceRange body = clang::CharSourceRange::getTokenRange(function->getBody()->getSourceRange());
      const llvm::StringRef old = clang::Lexer::getSourceText(body, sources_, context_.getLangOpts());
      rewriter_.ReplaceText(body, "{ __builtin_unreachable(); }" +
                                      std::string(static_cast<size_t>(old.count('\n')), '\n'));
      if (!function->isInlined())
        rewriter_.InsertTextBefore(function->getInnerLocStart(), "inline ");
    }
  }

  // The annotation keeps its function in the object, as a subprogram, so
  // it goes once it has been read: .memcgpp.optional carries it instead.
  void drop_optional_annotations() {
    for (const auto& hook : policy_.hooks)
      if (hook.optional)
        rewriter_.RemoveText(sources_.getExpansionRange(hook.optional->getRange()));
  }

  static void collect_definitions(const clang::DeclContext* dc, std::vector<const clang::FunctionDecl*>& out) {
    for (const auto* decl : dc->decls()) {
      if (const auto* function = llvm::dyn_cast<clang::FunctionDecl>(decl);
          function && function->isThisDeclarationADefinition())
        out.push_back(function);
      if (const auto* inner = llvm::dyn_cast<clang::DeclContext>(decl);
          inner && (llvm::isa<clang::NamespaceDecl>(decl) || llvm::isa<clang::CXXRecordDecl>(decl) ||
                    llvm::isa<clang::LinkageSpecDecl>(decl)))
        collect_definitions(inner, out);
    }
  }

  // A lambda has no place for the attribute before it; clang inlines the
  // small function objects policies use anyway.
  static bool is_lambda(const clang::FunctionDecl& function) {
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&function);
    return method && method->getParent()->isLambda();
  }

  std::string type(clang::QualType t) const {
    return clang::TypeName::getFullyQualifiedName(t, context_, printing_, true);
  }

  // The C global a member is bound to: its own name, in the policy's namespace.
  std::string global(const clang::FieldDecl& field) const {
    return namespace_.empty() ? "::" + field.getName().str()
                              : fmt::format("::{}::{}", namespace_, field.getName().str());
  }

  // Replaces a member's declaration by its bound handle, on as many lines.
  void bind(const clang::FieldDecl& field, const std::string& handle) {
    const clang::CharSourceRange range = clang::CharSourceRange::getTokenRange(field.getSourceRange());
    const llvm::StringRef old = clang::Lexer::getSourceText(range, sources_, context_.getLangOpts());
    const std::string newlines(static_cast<size_t>(old.count('\n')), '\n');
    rewriter_.ReplaceText(range, fmt::format("static constexpr {} {}{{}}{}", handle,
                                             field.getName().str(), newlines));
  }

  // Declarations the bound handles refer to, before the policy class; the
  // #line keeps the policy's numbering.
  void declare_globals() {
    std::string text = "extern \"C\" {";
    for (const auto& map : policy_.maps)
      text += fmt::format(" extern struct memcgpp_map_{0} {0};", map.field->getName().str());
    for (const auto& ring : policy_.ring_buffers)
      text += fmt::format(" extern struct memcgpp_map_{0} {0};", ring.field->getName().str());
    for (const auto& param : policy_.params)
      text += fmt::format(" [[gnu::section(\".rodata\")]] extern const volatile {} {};", type(param.type),
                          param.field->getName().str());
    text += " }\n";
    const clang::SourceLocation start = policy_.record->getOuterLocStart();
    const unsigned line = sources_.getPresumedLineNumber(start);
    text += fmt::format("#line {} \"{}\"\n", line, sources_.getFilename(start).str());
    rewriter_.InsertTextBefore(sources_.translateLineCol(sources_.getMainFileID(), line, 1), text);
  }

  std::string define_globals() const {
    std::string text;
    for (const auto& map : policy_.maps)
      text += fmt::format("struct memcgpp_map_{0} {{ int (*type)[{1}]; int (*max_entries)[{2}]; "
                          "{3}* key; {4}* value; }};\n"
                          "extern \"C\" {{ [[gnu::section(\".maps\"), gnu::used]] memcgpp_map_{0} {0}; }}\n",
                          map.field->getName().str(), map.kind, map.capacity, type(map.key),
                          type(map.value));
    for (const auto& ring : policy_.ring_buffers)
      text += fmt::format("struct memcgpp_map_{0} {{ int (*type)[{1}]; int (*max_entries)[{2}]; }};\n"
                          "extern \"C\" {{ [[gnu::section(\".maps\"), gnu::used]] memcgpp_map_{0} {0}; }}\n",
                          ring.field->getName().str(), ringbuf_map_type, ring.bytes);
    for (const auto& param : policy_.params)
      text += fmt::format("extern \"C\" {{ [[gnu::section(\".rodata\"), gnu::used]] extern const "
                          "volatile {} {} = {}; }}\n",
                          type(param.type), param.field->getName().str(), initial_value(param));
    const std::string prologue = "\n#line 1 \"<memcgpp-compile>\"\n#include <memcgpp/bpf/struct_ops.hpp>\n";
    if (namespace_.empty() || text.empty())
      return prologue + text;
    return fmt::format("{}namespace {} {{\n{}}}\n", prologue, namespace_, text);
  }

  // A parameter's default as a constant, so that it means the same at
  // global scope as in the class.
  std::string initial_value(const param_member& param) const {
    if (!param.initial)
      return "{}";
    clang::Expr::EvalResult result;
    if (param.initial->EvaluateAsRValue(result, context_) && result.Val.isInt())
      return fmt::format("static_cast<{}>({})", type(param.type),
                         llvm::toString(result.Val.getInt(), 10));
    return "{}";
  }

  // One program per hook the policy implements, and a struct memcg_ops with
  // just their members: libbpf leaves the kernel's other members null, and a
  // kernel without the later hooks still loads a policy that has none.
  // policy_.hooks is in the order of struct memcg_ops.
  std::string entry_points() const {
    const std::string policy_type = type(context_.getRecordType(policy_.record));
    std::string text;
    std::string fields;
    std::string members;
    for (const auto& hook : policy_.hooks) {
      const hook_spec& spec = *hook.spec;
      const std::string program = program_name(policy_, spec);
      text += fmt::format("extern \"C\" [[gnu::section(\"struct_ops/{0}\"), gnu::used]] {4} "
                          "{1}(unsigned long long* ctx) {{ return {2}<{3}>(ctx); }}\n",
                          spec.name, program, spec.runner, policy_type, spec.program_returns);
      fields += fmt::format(" {} (*{})({});", spec.program_returns, spec.name, spec.member_parameters);
      members += fmt::format(" .{} = reinterpret_cast<{} (*)({})>({}),", spec.name, spec.program_returns,
                             spec.member_parameters, program);
    }
    text += optional_hooks();
    text += fmt::format("struct memcg_ops {{{} }};\n", fields);
    text += fmt::format("extern \"C\" {{ [[gnu::section(\".struct_ops\"), gnu::used]] memcg_ops {} = "
                        "{{{} }}; }}\n",
                        policy_.name, members);
    text += "extern \"C\" { [[gnu::section(\"license\"), gnu::used]] extern const char LICENSE[] = "
            "\"GPL\"; }\n";
    return text;
  }

  // The hooks a kernel may lack, for the runtime: their names, each ending
  // in NUL, in the object's .memcgpp.optional section.
  std::string optional_hooks() const {
    std::vector<std::string> names;
    for (const auto& hook : policy_.hooks)
      if (hook.optional)
        names.emplace_back(hook.spec->name);
    if (names.empty())
      return "";
    // Names start with a letter, so no \0 between them reads as an octal escape.
    return fmt::format("extern \"C\" {{ [[gnu::section(\".memcgpp.optional\"), gnu::used]] extern const char "
                       "memcgpp_optional_hooks[] = \"{}\"; }}\n",
                       fmt::join(names, "\\0"));
  }

  const policy_model& policy_;
  clang::ASTContext& context_;
  clang::SourceManager& sources_;
  clang::Rewriter rewriter_;
  clang::PrintingPolicy printing_;
  std::string namespace_;
};

} // namespace

std::string program_name(const policy_model& policy, const hook_spec& hook) {
  const std::string suffix = std::string("_") + hook.short_name;
  std::string prefix = policy.name.substr(0, kernel_name_length - suffix.size());
  while (!prefix.empty() && prefix.back() == '_')
    prefix.pop_back();
  return prefix + suffix;
}

std::string lower(const policy_model& policy, clang::ASTContext& context,
                  const std::vector<const clang::FunctionDecl*>& reachable) {
  return lowering(policy, context).run(reachable);
}

} // namespace memcgpp::compiler
