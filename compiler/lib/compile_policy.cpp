#include "compile_policy.hpp"

#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
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
  std::unique_ptr<clang::ASTUnit> ast = clang::tooling::buildASTFromCodeWithArgs(
      (*source)->getBuffer(), args, request.options.source, "clang++");
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
  if (result.stack_exceeded) {
    printer.BeginSourceFile(ast->getLangOpts(), &ast->getPreprocessor());
    for (const auto& hook : policy->hooks)
      diags.error(hook.method->getLocation(),
                  fmt::format("hook `{}` needs more than the 512 bytes of stack a BPF program has",
                              hook.spec->name),
                  "move large locals (buffers, big structs) into a map; a per-CPU array makes "
                  "good scratch space");
    printer.EndSourceFile();
    std::remove(request.output.c_str());
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
