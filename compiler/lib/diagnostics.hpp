// Diagnostics in clang's format (file:line:col, caret, colour on a terminal),
// each with a hint on how to fix it: an error, then a note with the hint.
#pragma once

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceLocation.h>

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

} // namespace memcgpp::compiler
