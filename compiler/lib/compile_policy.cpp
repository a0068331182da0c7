#include "compile_policy.hpp"

#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/raw_ostream.h>

#include <fmt/format.h>

#include <cstdio>

#include "check_subset.hpp"
#include "diagnostics.hpp"
#include "find_policy.hpp"
#include "lower.hpp"
#include "skeleton.hpp"

namespace memcgpp::compiler {

namespace {

// Every function the hooks reach must be inlined into them: a C++ function
// left as a BPF subprogram would bring C++ types into BTF.
bool all_inlined(const std::string& path, const policy_model& policy, diagnostics& diags) {
  auto binary = llvm::object::ObjectFile::createObjectFile(path);
  if (!binary) {
    llvm::consumeError(binary.takeError());
    return true; // not an object: the codegen pass reported it
  }
  const llvm::object::ObjectFile& object = *binary->getBinary();
  std::vector<std::string> left;
  for (const auto& symbol : object.symbols()) {
    auto section = symbol.getSection();
    auto name = symbol.getName();
    auto type = symbol.getType();
    if (section && *section != object.section_end() && name && type &&
        *type == llvm::object::SymbolRef::ST_Function) {
      auto section_name = (*section)->getName();
      if (section_name && section_name->starts_with(".text"))
        left.push_back(name->str());
    } else {
      if (!section) llvm::consumeError(section.takeError());
      if (!name) llvm::consumeError(name.takeError());
      if (!type) llvm::consumeError(type.takeError());
    }
  }
  for (const auto& name : left)
    diags.error(policy.hooks.front().method->getLocation(),
                fmt::format("`{}` could not be inlined into the hook", name),
                "make it smaller, or call it from fewer places: BPF subprograms cannot carry "
                "C++ functions");
  return left.empty();
}

} // namespace

bool compile_policy(const compile_request& request) {
  auto source = llvm::MemoryBuffer::getFile(request.options.source);
  if (!source) {
    llvm::errs() << "memcgpp-compile: error: cannot read " << request.options.source << ": "
                 << source.getError().message() << "\n";
    return false;
  }
  std::vector<std::string> args = bpf_driver_arguments(request.options);
  args.pop_back(); // the source: buildASTFromCodeWithArgs adds it
  args.erase(args.begin());
  args.push_back("-DMEMCGPP_ANALYSIS"); // the policy is read before its maps are bound
  // Read exceptions and RTTI, so that check_subset explains why they cannot
  // be used, rather than clang saying they are switched off.
  args.insert(args.end(), {"-fexceptions", "-fcxx-exceptions", "-frtti"});
  auto diagnostic_options = llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
  diagnostic_options->ShowColors = request.options.color;
  diagnostic_options->ShowOptionNames = true;
  clang_printer analysis_printer(diagnostic_options.get());
  std::unique_ptr<clang::ASTUnit> ast = clang::tooling::buildASTFromCodeWithArgs(
      (*source)->getBuffer(), args, request.options.source, "clang++",
      std::make_shared<clang::PCHContainerOperations>(), clang::tooling::getClangStripDependencyFileAdjuster(),
      clang::tooling::FileContentMappings(), &analysis_printer);
  if (!ast || ast->getDiagnostics().hasErrorOccurred())
    return false;

  // The parse ended the printer's source file; our passes report into it too.
  clang::DiagnosticConsumer& printer = *ast->getDiagnostics().getClient();
  printer.BeginSourceFile(ast->getLangOpts(), &ast->getPreprocessor());
  diagnostics diags(ast->getDiagnostics());
  std::optional<policy_model> policy = find_policy(ast->getASTContext(), diags);
  const auto reachable = policy ? check_subset(*policy, ast->getASTContext(), diags)
                                : std::vector<const clang::FunctionDecl*>{};
  printer.EndSourceFile();
  if (!policy || diags.has_errors())
    return false;
  const std::string lowered = lower(*policy, ast->getASTContext(), reachable);
  if (request.dump_lowered) {
    std::error_code error;
    llvm::raw_fd_ostream out(*request.dump_lowered, error);
    out << lowered;
  }
  const codegen_result result = codegen(request.options, lowered, request.output, request.emit);
  // What the object shows, reported at the policy's hooks.
  printer.BeginSourceFile(ast->getLangOpts(), &ast->getPreprocessor());
  if (result.stack_exceeded)
    for (const auto& hook : policy->hooks)
      diags.error(hook.method->getLocation(),
                  fmt::format("hook `{}` needs more than the 512 bytes of stack a BPF program has",
                              hook.spec->name),
                  "move large locals (buffers, big structs) into a map; a per-CPU array makes "
                  "good scratch space");
  const bool inlined =
      !result.ok || request.emit != emit_kind::object || all_inlined(request.output, *policy, diags);
  printer.EndSourceFile();
  if (result.stack_exceeded || !inlined) {
    std::remove(request.output.c_str());
    return false;
  }
  if (result.ok && request.skeleton) {
    if (request.emit != emit_kind::object) {
      llvm::errs() << "memcgpp-compile: error: --skeleton embeds the object; use --emit=obj\n";
      return false;
    }
    auto object = llvm::MemoryBuffer::getFile(request.output);
    std::error_code error;
    llvm::raw_fd_ostream out(*request.skeleton, error);
    if (!object || error) {
      llvm::errs() << "memcgpp-compile: error: cannot write " << *request.skeleton << "\n";
      return false;
    }
    out << skeleton(*policy, ast->getASTContext(), (*object)->getBuffer());
  }
  return result.ok;
}

} // namespace memcgpp::compiler
