#include "find_policy.hpp"

#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

#include <fmt/format.h>

#include <algorithm>

namespace memcgpp::compiler {
namespace {

// The memcgpp class template a type instantiates, or null.
const clang::ClassTemplateSpecializationDecl* sdk_template(clang::QualType type,
                                                          llvm::StringRef name) {
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
      type.getCanonicalType()->getAsCXXRecordDecl());
  if (!spec || spec->getSpecializedTemplate()->getQualifiedNameAsString() != ("memcgpp::" + name).str())
    return nullptr;
  return spec;
}

bool is_sdk_class(clang::QualType type, llvm::StringRef name) {
  const auto* record = type.getCanonicalType()->getAsCXXRecordDecl();
  return record && record->getQualifiedNameAsString() == ("memcgpp::" + name).str();
}

bool derives_from_policy(const clang::CXXRecordDecl& record) {
  for (const auto& base : record.bases())
    if (sdk_template(base.getType(), "policy"))
      return true;
  return false;
}

class policy_collector : public clang::RecursiveASTVisitor<policy_collector> {
public:
  explicit policy_collector(clang::SourceManager& sources) : sources_(sources) {}

  bool VisitCXXRecordDecl(clang::CXXRecordDecl* record) {
    if (record->isThisDeclarationADefinition() && sources_.isInMainFile(record->getLocation()) &&
        derives_from_policy(*record))
      found.push_back(record);
    return true;
  }

  std::vector<const clang::CXXRecordDecl*> found;

private:
  clang::SourceManager& sources_;
};

const clang::StringLiteral* find_string_literal(const clang::Stmt* stmt) {
  if (!stmt)
    return nullptr;
  if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(stmt))
    return literal;
  for (const clang::Stmt* child : stmt->children())
    if (const auto* literal = find_string_literal(child))
      return literal;
  return nullptr;
}

// BTF describes C types: structs and unions of plain fields, nothing more.
// Returns why a type is not one, or an empty string.
std::string why_not_c_shaped(clang::QualType type) {
  type = type.getCanonicalType();
  while (const auto* array = llvm::dyn_cast<clang::ConstantArrayType>(type.getTypePtr()))
    type = array->getElementType().getCanonicalType();
  if (type->isBuiltinType() || type->isEnumeralType())
    return {};
  const auto* record = type->getAsCXXRecordDecl();
  if (!record)
    return fmt::format("`{}` has no C layout", type.getAsString());
  const std::string name = record->getName().str();
  if (record->isClass())
    return fmt::format("`{}` is declared with `class`; BTF keeps only structs and unions, "
                       "so declare it with `struct`", name);
  if (record->getNumBases() != 0)
    return fmt::format("`{}` has a base class, which C layout does not have", name);
  for (const auto* method : record->methods())
    if (!method->isImplicit())
      return fmt::format("`{}` has member functions, which break its BTF; make it plain data",
                         name);
  if (llvm::isa<clang::ClassTemplateSpecializationDecl>(record))
    return fmt::format("`{}` is a template, whose name BTF cannot carry", name);
  for (const auto* field : record->fields())
    if (std::string inner = why_not_c_shaped(field->getType()); !inner.empty())
      return inner;
  return {};
}

std::uint64_t integral_arg(const clang::TemplateArgumentList& args, unsigned index) {
  return args[index].getAsIntegral().getZExtValue();
}

class model_builder {
public:
  model_builder(const clang::CXXRecordDecl& record, clang::ASTContext& context, diagnostics& diags)
      : record_(record), context_(context), diags_(diags) {
    model_.record = &record;
  }

  policy_model build() {
    read_name();
    read_hooks();
    for (const auto* field : record_.fields())
      read_member(*field);
    return std::move(model_);
  }

private:
  void read_name() {
    const auto found = record_.lookup(&context_.Idents.get("name"));
    const auto* name = found.empty() ? nullptr : llvm::dyn_cast<clang::VarDecl>(found.front());
    if (!name || !is_sdk_class(name->getType(), "policy_name")) {
      diags_.error(record_.getLocation(),
                   fmt::format("policy `{}` has no name", record_.getName().str()),
                   "declare it in the class: static constexpr memcgpp::policy_name "
                   "name{\"short_name\"};");
      return;
    }
    if (const auto* literal = find_string_literal(name->getInit()))
      model_.name = literal->getString().str();
  }

  void read_hooks() {
    for (const auto* method : record_.methods()) {
      if (method->isImplicit() || !method->getIdentifier())
        continue;
      const llvm::StringRef name = method->getName();
      const hook_spec* spec = nullptr;
      for (const auto& known : known_hooks())
        if (name == known.name)
          spec = &known;
      if (spec) {
        if (check_signature(*method, *spec))
          model_.hooks.push_back({spec, method, marked_optional(*method)});
      } else if (looks_like_hook(*method)) {
        report_unknown_hook(*method);
      } else if (marked_optional(*method)) {
        diags_.error(method->getLocation(),
                     fmt::format("`{}` is not a memcg_ops hook, so it cannot be optional", name.str()),
                     fmt::format("MEMCGPP_OPTIONAL_HOOK marks hooks the policy can do without; the hooks are {}",
                                 hook_names()));
      }
    }
    if (model_.hooks.empty() && !diags_.has_errors())
      diags_.error(record_.getLocation(),
                   fmt::format("policy `{}` implements no hook", record_.getName().str()),
                   fmt::format("add a member function such as `{}`; the hooks are {}",
                               known_hooks().front().signature, hook_names()));
    // In the order of struct memcg_ops, whatever the class's order.
    std::stable_sort(model_.hooks.begin(), model_.hooks.end(),
                     [](const hook& a, const hook& b) { return a.spec < b.spec; });
  }

  static const clang::AnnotateAttr* marked_optional(const clang::CXXMethodDecl& method) {
    for (const auto* annotation : method.specific_attrs<clang::AnnotateAttr>())
      if (annotation->getAnnotation() == optional_hook_annotation)
        return annotation;
    return nullptr;
  }

  // A public method that takes a hook context, or is named nearly like a
  // hook. Private and protected ones are helpers: hooks are public.
  bool looks_like_hook(const clang::CXXMethodDecl& method) const {
    if (method.getAccess() != clang::AS_public)
      return false;
    for (const auto& known : known_hooks())
      if (takes_context(method, known.context))
        return true;
    for (const auto& known : known_hooks())
      if (method.getName().edit_distance(known.name) <= typo_distance(known.name))
        return true;
    return false;
  }

  static bool takes_context(const clang::CXXMethodDecl& method, const char* context) {
    for (const auto* param : method.parameters())
      if (is_sdk_class(param->getType().getNonReferenceType().getUnqualifiedType(), context))
        return true;
    return false;
  }

  // How far a name may be from a hook's to be taken for a typo of it: up to
  // 3 edits, fewer for short names (below_low and below_min are 3 apart).
  static unsigned typo_distance(llvm::StringRef hook_name) {
    return std::min<unsigned>(3, static_cast<unsigned>(hook_name.size() / 4));
  }

  // Suggests the hook named most like the method, among those that take the
  // context the method takes, if it takes one.
  void report_unknown_hook(const clang::CXXMethodDecl& method) {
    const hook_spec* nearest = nullptr;
    unsigned best = ~0u;
    for (bool by_context : {true, false}) {
      for (const auto& known : known_hooks()) {
        if (by_context && !takes_context(method, known.context))
          continue;
        if (unsigned d = method.getName().edit_distance(known.name); d < best) {
          best = d;
          nearest = &known;
        }
      }
      if (nearest)
        break;
    }
    diags_.error(method.getLocation(),
                 fmt::format("`{}` is not a memcg_ops hook; did you mean `{}`?",
                             method.getName().str(), nearest->name),
                 fmt::format("declare it as `{}`; the hooks are {}", nearest->signature, hook_names()));
  }

  // Whether a hook's declaration matches the SDK's, and is public; if not,
  // says what it must be.
  bool check_signature(const clang::CXXMethodDecl& method, const hook_spec& spec) {
    if (method.getAccess() != clang::AS_public) {
      diags_.error(method.getLocation(), fmt::format("hook `{}` is not public", spec.name),
                   "declare it after `public:`: the program's entry point calls it from outside the class");
      return false;
    }
    const clang::QualType returns = method.getReturnType();
    const bool returns_verdict =
        spec.verdict ? is_sdk_enum(returns, spec.verdict) : returns->isVoidType();
    const bool takes_context =
        method.getNumParams() == 1 && method.getParamDecl(0)->getType()->isLValueReferenceType() &&
        is_sdk_class(method.getParamDecl(0)->getType().getNonReferenceType().getUnqualifiedType(),
                     spec.context);
    if (returns_verdict && takes_context && !method.isStatic())
      return true;
    diags_.error(method.getLocation(), fmt::format("hook `{}` has the wrong signature", spec.name),
                 fmt::format("declare it as `{}`", spec.signature));
    return false;
  }

  static bool is_sdk_enum(clang::QualType type, llvm::StringRef name) {
    const auto* e = type.getCanonicalType()->getAs<clang::EnumType>();
    return e && e->getDecl()->getQualifiedNameAsString() == ("memcgpp::" + name).str();
  }

  void read_member(const clang::FieldDecl& field) {
    const clang::QualType type = field.getType();
    if (const auto* map = sdk_template(type, "basic_map")) {
      const auto& args = map->getTemplateArgs();
      model_.maps.push_back({&field, static_cast<unsigned>(integral_arg(args, 0)), args[1].getAsType(),
                             args[2].getAsType(), integral_arg(args, 3)});
      check_c_shaped(field, args[1].getAsType(), "map key");
      check_c_shaped(field, args[2].getAsType(), "map value");
    } else if (const auto* param = sdk_template(type, "param")) {
      const clang::Expr* initial = nullptr;
      if (const auto* init = field.getInClassInitializer())
        if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init->IgnoreImplicit()))
          if (construct->getNumArgs() == 1)
            initial = construct->getArg(0);
      model_.params.push_back({&field, param->getTemplateArgs()[0].getAsType(), initial});
      check_c_shaped(field, param->getTemplateArgs()[0].getAsType(), "parameter");
    } else if (const auto* ring = sdk_template(type, "ring_buffer")) {
      model_.ring_buffers.push_back(
          {&field, ring->getTemplateArgs()[0].getAsType(), integral_arg(ring->getTemplateArgs(), 1)});
      check_c_shaped(field, ring->getTemplateArgs()[0].getAsType(), "ring buffer event");
    } else {
      diags_.error(field.getLocation(),
                   fmt::format("policy member `{}` is not a map, a parameter or a ring buffer",
                               field.getName().str()),
                   "a hook runs on a fresh policy object each time, so state lives in maps; "
                   "constants can be static constexpr");
    }
  }

  void check_c_shaped(const clang::FieldDecl& field, clang::QualType type, const char* role) {
    if (std::string why = why_not_c_shaped(type); !why.empty())
      diags_.error(field.getLocation(), fmt::format("{} type of `{}` is not plain C: {}", role,
                                                    field.getName().str(), why));
  }

  const clang::CXXRecordDecl& record_;
  clang::ASTContext& context_;
  diagnostics& diags_;
  policy_model model_;
};

} // namespace

std::optional<policy_model> find_policy(clang::ASTContext& context, diagnostics& diags) {
  clang::SourceManager& sources = context.getSourceManager();
  policy_collector collector(sources);
  collector.TraverseDecl(context.getTranslationUnitDecl());
  if (collector.found.empty()) {
    diags.error(sources.getLocForStartOfFile(sources.getMainFileID()), "no policy in this file",
                "declare a class that derives from memcgpp::policy<Self>");
    return std::nullopt;
  }
  for (size_t i = 1; i < collector.found.size(); ++i) {
    diags.error(collector.found[i]->getLocation(), "a file holds one policy");
    diags.note(collector.found[0]->getLocation(), "the first policy is here");
  }
  return model_builder(*collector.found.front(), context, diags).build();
}

} // namespace memcgpp::compiler
