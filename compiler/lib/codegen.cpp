#include "codegen.hpp"

#include "diagnostics.hpp"

#include <clang/CodeGen/CodeGenAction.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Tooling/Tooling.h>

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <memory>

namespace memcgpp::compiler {
namespace {

// Runs a codegen action with the output path set, since tooling's default
// is to discard it.
class codegen_action : public clang::tooling::FrontendActionFactory {
public:
  codegen_action(std::string output, emit_kind emit) : output_(std::move(output)), emit_(emit) {}

  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> invocation,
                     clang::FileManager* files,
                     std::shared_ptr<clang::PCHContainerOperations> pch,
                     clang::DiagnosticConsumer* consumer) override {
    invocation->getFrontendOpts().OutputFile = output_;
    return FrontendActionFactory::runInvocation(std::move(invocation), files, std::move(pch), consumer);
  }

  std::unique_ptr<clang::FrontendAction> create() override {
    switch (emit_) {
    case emit_kind::llvm:
      return std::make_unique<clang::EmitLLVMAction>();
    case emit_kind::assembly:
      return std::make_unique<clang::EmitAssemblyAction>();
    case emit_kind::object:
      break;
    }
    return std::make_unique<clang::EmitObjAction>();
  }

private:
  std::string output_;
  emit_kind emit_;
};

} // namespace

codegen_result codegen(const compile_options& options, const std::string& lowered_source,
             const std::string& output_path, emit_kind emit) {
  // The BPF back end is the only one memcgpp-compile needs.
  static const bool registered = [] {
    LLVMInitializeBPFTargetInfo();
    LLVMInitializeBPFTarget();
    LLVMInitializeBPFTargetMC();
    LLVMInitializeBPFAsmPrinter();
    return true;
  }();
  (void)registered;
  std::vector<std::string> args = bpf_driver_arguments(options);
  // The analysis pass has shown the policy's warnings already; the lowered
  // text would only repeat them.
  args.insert(args.end() - 2, "-w");
  if (emit == emit_kind::llvm)
    args.insert(args.end() - 2, "-emit-llvm");
  else if (emit == emit_kind::assembly)
    args.insert(args.end() - 2, "-S");
  args.insert(args.end() - 1, {"-o", output_path});
  // The lowered text replaces the policy's file; everything else is real.
  auto overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(llvm::vfs::getRealFileSystem());
  auto memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  overlay->pushOverlay(memory);
  llvm::SmallString<256> path(options.source);
  llvm::sys::fs::make_absolute(path);
  memory->addFile(path, 0, llvm::MemoryBuffer::getMemBufferCopy(lowered_source, path));
  args.back() = std::string(path);
  auto files = llvm::makeIntrusiveRefCnt<clang::FileManager>(clang::FileSystemOptions(), overlay);
  codegen_action action(output_path, emit);
  clang::tooling::ToolInvocation invocation(args, &action, files.get(),
                                            std::make_shared<clang::PCHContainerOperations>());
  auto diagnostic_options = llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
  diagnostic_options->ShowColors = options.color;
  diagnostic_options->ShowOptionNames = true;
  // The back end's stack-limit error points into inlined code; the caller
  // reports it at the hook instead.
  clang_printer printer(diagnostic_options.get(),
                        [](std::string_view message) { return message.find("BPF stack limit") != std::string_view::npos; });
  invocation.setDiagnosticConsumer(&printer);
  const bool ok = invocation.run();
  return {ok && !printer.held_back_any(), printer.held_back_any()};
}

} // namespace memcgpp::compiler
