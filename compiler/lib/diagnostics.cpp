#include "diagnostics.hpp"

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

} // namespace memcgpp::compiler
