// memcgpp-compile: compiles a memcgpp policy into a BPF struct_ops object.
#include <CLI/CLI.hpp>
#include <clang/Tooling/CompilationDatabase.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>

#include <cstdlib>
#include <iostream>

#include "compile_policy.hpp"

#ifndef MEMCGPP_VERSION
#error "MEMCGPP_VERSION must be defined by the build"
#endif
#ifndef MEMCGPP_SDK_INCLUDE_DIR
#error "MEMCGPP_SDK_INCLUDE_DIR must be defined by the build"
#endif

namespace {

// Exit codes, as documented in --help.
constexpr int exit_ok = 0;
constexpr int exit_diagnostics = 1;
constexpr int exit_usage = 2;

// Takes the policy's include directories and macros from the build's
// compilation database, as clang tools do with -p.
bool read_compile_commands(const std::string& build_dir, memcgpp::compiler::compile_options& options) {
  std::string error;
  auto database = clang::tooling::CompilationDatabase::loadFromDirectory(build_dir, error);
  if (!database) {
    std::cerr << "memcgpp-compile: error: no compile_commands.json in " << build_dir
              << " (pass -p the build directory that holds it)\n";
    return false;
  }
  const auto commands = database->getCompileCommands(options.source);
  if (commands.empty()) {
    std::cerr << "memcgpp-compile: error: " << build_dir << "/compile_commands.json has no entry for "
              << options.source << "\n";
    return false;
  }
  const auto& args = commands.front().CommandLine;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool joined = arg.size() > 2;
    if (arg.rfind("-I", 0) == 0)
      options.include_dirs.push_back(joined ? arg.substr(2) : (i + 1 < args.size() ? args[++i] : ""));
    else if (arg.rfind("-D", 0) == 0)
      options.defines.push_back(joined ? arg.substr(2) : (i + 1 < args.size() ? args[++i] : ""));
  }
  return true;
}

// The SDK next to an installed memcgpp-compile (PREFIX/include), or the one
// of the source tree it was built from.
std::string sdk_include_dir(const char* argv0) {
  static int anchor;
  llvm::SmallString<256> dir(llvm::sys::fs::getMainExecutable(argv0, &anchor));
  llvm::sys::path::remove_filename(dir);
  llvm::sys::path::append(dir, "..", "include");
  llvm::SmallString<256> header(dir);
  llvm::sys::path::append(header, "memcgpp", "memcgpp.hpp");
  return llvm::sys::fs::exists(header) ? std::string(dir) : MEMCGPP_SDK_INCLUDE_DIR;
}

} // namespace

int main(int argc, char** argv) {
  using namespace memcgpp::compiler;
  CLI::App app{"Compiles a memcgpp policy (a C++ class) into a BPF struct_ops object.\n"
               "Exit codes: 0 success, 1 diagnostics, 2 usage errors.",
               "memcgpp-compile"};
  app.set_version_flag("--version", "memcgpp-compile " MEMCGPP_VERSION);
  compile_request request;
  std::string emit = "obj";
  std::string build_dir;
  app.add_option("policy", request.options.source, "the policy's C++ source")->required()->check(CLI::ExistingFile);
  app.add_option("-o,--output", request.output, "the object to write")->required();
  app.add_option("-I", request.options.include_dirs, "add an include directory");
  app.add_option("-D", request.options.defines, "define a macro: NAME or NAME=VALUE");
  app.add_option("-p", build_dir,
                 "a build directory with compile_commands.json: the policy's -I and -D come from it")
      ->check(CLI::ExistingDirectory);
  app.add_option("--emit", emit, "what to write: obj, llvm or asm")
      ->check(CLI::IsMember({"obj", "llvm", "asm"}));
  std::string lowered, skeleton;
  app.add_option("--skeleton", skeleton, "also write a typed C++ skeleton header that embeds the object");
  app.add_option("--dump-lowered", lowered, "also write the lowered C++ source here");
  app.add_option("--sdk", request.options.sdk_include_dir, "the SDK's include directory")
      ->default_val(sdk_include_dir(argv[0]));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }
  if (!build_dir.empty() && !read_compile_commands(build_dir, request.options))
    return exit_usage;
  request.emit = emit == "llvm" ? emit_kind::llvm : emit == "asm" ? emit_kind::assembly : emit_kind::object;
  if (!lowered.empty())
    request.dump_lowered = lowered;
  if (!skeleton.empty())
    request.skeleton = skeleton;
  request.options.color = llvm::sys::Process::StandardErrHasColors();
  return compile_policy(request) ? exit_ok : exit_diagnostics;
}
