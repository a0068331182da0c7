// What the runtime's VM tests share: where the guest finds the compiled
// policies and memhog, and running memhog in a cgroup. Each test's main()
// calls run_vm_tests().
#pragma once

#include <doctest/doctest.h>

#include <memcgpp/runtime.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace vm_test {

inline std::string objects; // MEMCGPP_TEST_OBJECTS: memcgpp-compile's
inline std::string inputs;  // MEMCGPP_TEST_INPUTS: the runtime tests' own
inline std::string memhog;  // MEMCGPP_TEST_MEMHOG

inline std::string object(const std::string& name) { return objects + "/" + name + ".bpf.o"; }
inline std::string input(const std::string& name) { return inputs + "/" + name + ".bpf.o"; }

inline memcgpp::policy_object open_path(const std::string& path) {
  auto policy = memcgpp::policy_object::open_file(path);
  REQUIRE_MESSAGE(policy, (policy ? "" : policy.err().message()));
  return std::move(policy).value();
}

inline memcgpp::policy_object open(const std::string& name) { return open_path(object(name)); }

// Element 0 of an array map of counts.
inline std::uint64_t first_count(const memcgpp::policy_object& policy, const std::string& map) {
  auto view = policy.map(map);
  REQUIRE_MESSAGE(view, (view ? "" : view.err().message()));
  auto count = view->lookup<std::uint32_t, std::uint64_t>(0);
  REQUIRE_MESSAGE(count, (count ? "" : count.err().message()));
  return count->value_or(0);
}

// Runs memhog MIB in /sys/fs/cgroup/CGROUP; returns its exit status (126
// when it could not enter the cgroup).
inline int charge(const std::string& cgroup, int mib) {
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string self = std::to_string(getpid());
    const int procs = ::open(("/sys/fs/cgroup/" + cgroup + "/cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC);
    if (procs < 0 || write(procs, self.data(), self.size()) != static_cast<ssize_t>(self.size()))
      _exit(126);
    close(procs);
    execl(memhog.c_str(), memhog.c_str(), std::to_string(mib).c_str(), nullptr);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Runs body in a child process, which may drop privileges for good, and
// checks that it exits 0.
template <class Body> void check_in_child(Body body) {
  const pid_t pid = fork();
  if (pid == 0)
    _exit(body());
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

inline int run_vm_tests(int argc, char** argv) {
  objects = std::getenv("MEMCGPP_TEST_OBJECTS") ? std::getenv("MEMCGPP_TEST_OBJECTS") : "";
  inputs = std::getenv("MEMCGPP_TEST_INPUTS") ? std::getenv("MEMCGPP_TEST_INPUTS") : "";
  memhog = std::getenv("MEMCGPP_TEST_MEMHOG") ? std::getenv("MEMCGPP_TEST_MEMHOG") : "";
  doctest::Context context(argc, argv);
  return context.run();
}

} // namespace vm_test
