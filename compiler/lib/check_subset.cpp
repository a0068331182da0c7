#include "check_subset.hpp"

#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtCXX.h>

#include <fmt/format.h>

#include <set>
#include <string>
#include <string_view>

namespace memcgpp::compiler {
namespace {

// The SDK's own code is trusted: it is written for BPF already.
bool is_sdk(const clang::Decl* decl) {
  for (const clang::DeclContext* dc = decl->getDeclContext(); dc; dc = dc->getParent())
    if (const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(dc); ns && ns->getName() == "memcgpp" &&
                                                                  ns->getParent()->isTranslationUnit())
      return true;
  return false;
}

bool is_malloc_family(llvm::StringRef name) {
  return name == "malloc" || name == "calloc" || name == "realloc" || name == "free" ||
         name == "aligned_alloc" || name == "posix_memalign";
}

class body_checker : public clang::RecursiveASTVisitor<body_checker> {
public:
  body_checker(clang::ASTContext& context, diagnostics& diags, std::vector<const clang::FunctionDecl*>& callees)
      : context_(context), diags_(diags), callees_(callees) {}

  // A lambda's body is checked where it is called, as a function of its own.
  bool shouldVisitLambdaBody() const { return false; }

  bool VisitExpr(clang::Expr* e) {
    if (!float_reported_ && !e->isTypeDependent() && e->getType()->isFloatingType()) {
      float_reported_ = true;
      diags_.error(e->getBeginLoc(), "floating point is not available in BPF programs",
                   "use integers, scaled if you need fractions (per mille, say)");
    }
    return true;
  }

  bool VisitVarDecl(clang::VarDecl* var) {
    if (var->getTLSKind() != clang::VarDecl::TLS_None)
      diags_.error(var->getLocation(), "`thread_local` has no meaning in a BPF program",
                   "keep per-CPU state in a memcgpp::percpu_array_map");
    else if (var->isStaticLocal())
      check_static_storage(*var, var->getLocation());
    return true;
  }

  bool VisitDeclRefExpr(clang::DeclRefExpr* e) {
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(e->getDecl());
        var && var->hasGlobalStorage() && !var->isStaticLocal() && !is_sdk(var) && !var->isConstexpr())
      check_static_storage(*var, e->getLocation());
    return true;
  }

  bool VisitCallExpr(clang::CallExpr* call) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (llvm::isa<clang::CXXMemberCallExpr>(call)) {
      const auto* member = llvm::cast<clang::CXXMemberCallExpr>(call);
      if (const auto* method = member->getMethodDecl(); method && method->isVirtual()) {
        diags_.error(call->getBeginLoc(),
                     fmt::format("call to virtual function `{}`: BPF programs have no indirect calls",
                                 method->getNameAsString()),
                     "use static dispatch: templates, or memcgpp::policy's CRTP");
        return true;
      }
      if (!callee) {
        diags_.error(call->getBeginLoc(), "call through a member function pointer: BPF programs have "
                                          "no indirect calls",
                     "call the member function by name");
        return true;
      }
    }
    if (!callee) {
      if (!call->getCallee()->isTypeDependent())
        diags_.error(call->getBeginLoc(), "call through a function pointer: BPF programs have no "
                                          "indirect calls",
                     "call the function by name, or choose with an if or a switch");
      return true;
    }
    if (callee->getIdentifier() && is_malloc_family(callee->getName())) {
      return reject(call->getBeginLoc(), heap_use(fmt::format("`{}`", callee->getName().str())));
    }
    if (is_sdk(callee) || (callee->getBuiltinID() != 0 && !callee->hasBody() &&
                           context_.BuiltinInfo.isPredefinedLibFunction(callee->getBuiltinID()) == false))
      return true;
    const clang::FunctionDecl* definition = nullptr;
    if (!callee->hasBody(definition)) {
      diags_.error(call->getBeginLoc(),
                   fmt::format("call to `{}`, which has no definition here",
                               callee->getQualifiedNameAsString()),
                   "a BPF program cannot call libc or other compiled code: define it in the "
                   "policy's file, or use an SDK helper");
      return true;
    }
    callees_.push_back(definition);
    return true;
  }

  bool VisitCXXConstructExpr(clang::CXXConstructExpr* e) {
    if (const auto* ctor = e->getConstructor(); ctor && !is_sdk(ctor) && !ctor->isTrivial()) {
      const clang::FunctionDecl* definition = nullptr;
      if (ctor->hasBody(definition))
        callees_.push_back(definition);
    }
    return true;
  }

  bool VisitForStmt(clang::ForStmt* loop) { return check_bound(loop->getCond(), loop->getBeginLoc()); }
  bool VisitWhileStmt(clang::WhileStmt* loop) { return check_bound(loop->getCond(), loop->getBeginLoc()); }
  bool VisitDoStmt(clang::DoStmt* loop) { return check_bound(loop->getCond(), loop->getBeginLoc()); }
  bool VisitCXXForRangeStmt(clang::CXXForRangeStmt* loop) {
    // Ranges of known length: memcgpp::bounded_range, and arrays.
    const clang::QualType range = loop->getRangeInit()->getType().getCanonicalType();
    const auto* record = range->getAsCXXRecordDecl();
    const bool bounded = range->isConstantArrayType() ||
                         (record && record->getQualifiedNameAsString() == "memcgpp::bounded_range");
    if (!bounded)
      report_unbounded(loop->getBeginLoc());
    return true;
  }

  // The heap, exceptions, RTTI and asm: each a construct BPF cannot run.
  bool VisitCXXNewExpr(clang::CXXNewExpr* e) { return reject(e->getBeginLoc(), heap_use("`new`")); }
  bool VisitCXXDeleteExpr(clang::CXXDeleteExpr* e) { return reject(e->getBeginLoc(), heap_use("`delete`")); }
  bool VisitCXXThrowExpr(clang::CXXThrowExpr* e) { return reject(e->getBeginLoc(), exceptions); }
  bool VisitCXXTryStmt(clang::CXXTryStmt* s) { return reject(s->getBeginLoc(), exceptions); }
  bool VisitCXXTypeidExpr(clang::CXXTypeidExpr* e) { return reject(e->getBeginLoc(), rtti_use("`typeid`")); }
  bool VisitCXXDynamicCastExpr(clang::CXXDynamicCastExpr* e) {
    return reject(e->getBeginLoc(), rtti_use("`dynamic_cast`"));
  }
  bool VisitGCCAsmStmt(clang::GCCAsmStmt* s) {
    return reject(s->getBeginLoc(), {"inline assembly cannot be verified as a BPF program",
                                     "write it in C++; kernel services come from SDK helpers"});
  }

private:
  struct rejection {
    std::string message;
    std::string hint;
  };
  static rejection heap_use(std::string_view what) {
    return {fmt::format("{} needs a heap, which BPF programs do not have", what),
            "keep the object on the stack, or in a map"};
  }
  static rejection rtti_use(std::string_view what) {
    return {fmt::format("{} needs RTTI, which BPF programs do not have", what),
            "use templates or an enum to tell types apart"};
  }
  inline static const rejection exceptions = {"exceptions are not available in BPF programs",
                                              "return a value that says what went wrong"};

  bool reject(clang::SourceLocation where, const rejection& why) {
    diags_.error(where, why.message, why.hint);
    return true;
  }

  bool check_bound(const clang::Expr* cond, clang::SourceLocation where) {
    if (!has_constant_bound(cond))
      report_unbounded(where);
    return true;
  }

  void check_static_storage(const clang::VarDecl& var, clang::SourceLocation where) {
    if (!reported_vars_.insert(&var).second)
      return;
    if (var.getTLSKind() != clang::VarDecl::TLS_None) {
      diags_.error(where, "`thread_local` has no meaning in a BPF program",
                   "keep per-CPU state in a memcgpp::percpu_array_map");
      return;
    }
    const auto* record = var.getType()->getBaseElementTypeUnsafe()->getAsCXXRecordDecl();
    if (record && record->hasDefinition() && !record->hasTrivialDestructor())
      diags_.error(where, fmt::format("`{}` has a destructor, which nothing runs in a BPF program",
                                      var.getNameAsString()),
                   "make it constexpr, or keep the state in a map");
    else if (var.hasInit() && !var.hasConstantInitialization())
      diags_.error(where, fmt::format("`{}` needs code to initialise it, which nothing runs in a BPF "
                                      "program",
                                      var.getNameAsString()),
                   "make it constexpr or constinit, or keep the state in a map");
  }

  // A condition that compares with a constant: `i < 16`, `n != kMax`.
  bool has_constant_bound(const clang::Expr* cond) const {
    if (!cond)
      return false;
    cond = cond->IgnoreParenImpCasts();
    const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond);
    if (!op)
      return false;
    if (op->isLogicalOp())
      return has_constant_bound(op->getLHS()) || has_constant_bound(op->getRHS());
    if (!op->isComparisonOp())
      return false;
    return op->getRHS()->isIntegerConstantExpr(context_) || op->getLHS()->isIntegerConstantExpr(context_);
  }

  void report_unbounded(clang::SourceLocation where) {
    diags_.error(where, "this loop has no compile-time bound, so the verifier may reject it",
                 "compare the counter with a constant, or iterate over "
                 "memcgpp::bounded_range<Max>(n)");
  }

  clang::ASTContext& context_;
  diagnostics& diags_;
  std::vector<const clang::FunctionDecl*>& callees_;
  std::set<const clang::VarDecl*> reported_vars_;
  bool float_reported_ = false;
};

// Walks the call graph from the hooks, checking each function once and
// reporting cycles.
class reachability {
public:
  reachability(clang::ASTContext& context, diagnostics& diags) : context_(context), diags_(diags) {}

  void visit(const clang::FunctionDecl* function) {
    function = function->getCanonicalDecl();
    if (done_.count(function))
      return;
    for (size_t i = 0; i < stack_.size(); ++i)
      if (stack_[i] == function) {
        report_cycle(i);
        return;
      }
    stack_.push_back(function);
    std::vector<const clang::FunctionDecl*> callees;
    const clang::FunctionDecl* definition = nullptr;
    if (function->hasBody(definition)) {
      body_checker checker(context_, diags_, callees);
      checker.TraverseDecl(const_cast<clang::FunctionDecl*>(definition));
      reachable.push_back(definition);
    }
    for (const auto* callee : callees)
      visit(callee);
    stack_.pop_back();
    done_.insert(function);
  }

  std::vector<const clang::FunctionDecl*> reachable;

private:
  void report_cycle(size_t first) {
    const clang::FunctionDecl* start =
        stack_[first]->getDefinition() ? stack_[first]->getDefinition() : stack_[first];
    diags_.error(start->getLocation(),
                 fmt::format("`{}` is recursive, and BPF programs cannot recurse",
                             start->getQualifiedNameAsString()),
                 "rewrite it as a loop with a bound");
    for (size_t i = first + 1; i < stack_.size(); ++i) {
      const clang::FunctionDecl* step = stack_[i]->getDefinition() ? stack_[i]->getDefinition() : stack_[i];
      diags_.note(step->getLocation(), fmt::format("through `{}`", step->getQualifiedNameAsString()));
    }
  }

  clang::ASTContext& context_;
  diagnostics& diags_;
  std::vector<const clang::FunctionDecl*> stack_;
  std::set<const clang::FunctionDecl*> done_;
};

} // namespace

std::vector<const clang::FunctionDecl*> check_subset(const policy_model& policy,
                                                      clang::ASTContext& context,
                                                      diagnostics& diags) {
  for (const auto* method : policy.record->methods())
    if (method->isVirtual() && !method->isImplicit())
      diags.error(method->getLocation(),
                  "a policy cannot have virtual functions: BPF programs have no indirect calls",
                  "memcgpp::policy<Self> finds hooks at compile time; drop `virtual`");
  for (const auto& base : policy.record->bases())
    if (base.isVirtual())
      diags.error(base.getBeginLoc(), "a policy cannot have virtual bases: BPF programs have no "
                                      "indirect calls",
                  "derive without `virtual`");
  reachability walk(context, diags);
  for (const auto& hook : policy.hooks)
    walk.visit(hook.method);
  return walk.reachable;
}

} // namespace memcgpp::compiler
