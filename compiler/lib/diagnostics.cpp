#include "diagnostics.hpp"

#include <clang/Basic/SourceManager.h>
#include <llvm/Support/raw_ostream.h>

namespace memcgpp::compiler {

void diagnostics::error(clang::SourceLocation where, std::string_view message,
                        std::string_view hint) {
  const unsigned id = engine_.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0");
  engine_.Report(where, id) << llvm::StringRef(message.data(), message.size());
  if (!hint.empty())
    note(where, hint);
}

void diagnostics::note(clang::SourceLocation where, std::string_view message) {
  const unsigned id = engine_.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0");
  engine_.Report(where, id) << llvm::StringRef(message.data(), message.size());
}

namespace {

// clang's errors for what the BPF target cannot do, and how to do without.
struct clang_error_hint {
  std::string_view message;
  std::string_view hint;
};
constexpr clang_error_hint clang_error_hints[] = {
    {"thread-local storage is not supported", "keep per-CPU state in a memcgpp::percpu_array_map"},
};

} // namespace

clang_printer::clang_printer(clang::DiagnosticOptions* options,
                             std::function<bool(std::string_view)> hold_back)
    : printer_(llvm::errs(), options), hold_back_(std::move(hold_back)) {}

void clang_printer::BeginSourceFile(const clang::LangOptions& lang, const clang::Preprocessor* pp) {
  printer_.BeginSourceFile(lang, pp);
}
void clang_printer::EndSourceFile() { printer_.EndSourceFile(); }
void clang_printer::finish() { printer_.finish(); }

void clang_printer::HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                                     const clang::Diagnostic& info) {
  llvm::SmallString<256> message;
  info.FormatDiagnostic(message);
  if (level != clang::DiagnosticsEngine::Note)
    holding_back_ = hold_back_ && hold_back_(message.str());
  if (holding_back_) { // the diagnostic, and the notes that come with it
    held_back_any_ = true;
    return;
  }
  DiagnosticConsumer::HandleDiagnostic(level, info);
  printer_.HandleDiagnostic(level, info);
  if (level < clang::DiagnosticsEngine::Error || !info.hasSourceManager())
    return;
  for (const auto& known : clang_error_hints)
    if (message.str().contains(known.message)) {
      const clang::PresumedLoc where = info.getSourceManager().getPresumedLoc(info.getLocation());
      if (where.isValid())
        llvm::errs() << where.getFilename() << ":" << where.getLine() << ":" << where.getColumn()
                     << ": note: " << known.hint << "\n";
    }
}

} // namespace memcgpp::compiler
