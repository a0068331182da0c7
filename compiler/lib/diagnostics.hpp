// Diagnostics in clang's format (file:line:col, caret, colour on a terminal),
// each with a hint on how to fix it: an error, then a note with the hint.
#pragma once

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceLocation.h>
#include <clang/Frontend/TextDiagnosticPrinter.h>

#include <functional>
#include <string_view>

namespace memcgpp::compiler {

class diagnostics {
public:
  explicit diagnostics(clang::DiagnosticsEngine& engine) : engine_(engine) {}

  void error(clang::SourceLocation where, std::string_view message, std::string_view hint = {});
  void note(clang::SourceLocation where, std::string_view message);
  bool has_errors() const { return engine_.hasErrorOccurred(); }
  clang::DiagnosticsEngine& engine() { return engine_; }

private:
  clang::DiagnosticsEngine& engine_;
};

// Prints clang's own diagnostics as clang does, adds a hint to those of its
// errors that mean a construct BPF cannot run, and holds back the ones that
// hold_back picks (with their notes), for the caller to report better.
class clang_printer : public clang::DiagnosticConsumer {
public:
  explicit clang_printer(clang::DiagnosticOptions* options,
                         std::function<bool(std::string_view)> hold_back = {});

  void BeginSourceFile(const clang::LangOptions& lang, const clang::Preprocessor* pp) override;
  void EndSourceFile() override;
  void finish() override;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info) override;

  bool held_back_any() const { return held_back_any_; }

private:
  clang::TextDiagnosticPrinter printer_;
  std::function<bool(std::string_view)> hold_back_;
  bool holding_back_ = false;
  bool held_back_any_ = false;
};

} // namespace memcgpp::compiler
