// An application of memcgpp's: it opens reclaim_batch from its skeleton.
// Without arguments, it says what it found. With CGROUP COMMAND..., it
// attaches the policy for that cgroup, runs the command there, and says how
// often the policy raised a reclaim; the link detaches as it exits.
#include <memcgpp/runtime.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "reclaim_batch.skel.hpp"

using skeleton = reclaim_batch_skeleton;

int fail(const memcgpp::error& e) {
  std::cerr << e.message() << "\n";
  return 1;
}

int main(int argc, char** argv) {
  auto policy = memcgpp::policy_object::open<skeleton>();
  if (!policy)
    return fail(policy.err());
  if (argc < 3) {
    std::cout << policy->name() << " " << skeleton::try_charge_memcg_program << " "
              << skeleton::raised_map::max_entries << "\n";
    return 0;
  }
  struct stat cgroup{};
  if (stat(argv[1], &cgroup) != 0)
    return 1;
  if (auto set = policy->set_param<skeleton::batch_cgroup_param::value_type>(skeleton::batch_cgroup_param::name,
                                                                            cgroup.st_ino);
      !set)
    return fail(set.err());
  auto link = policy->attach();
  if (!link)
    return fail(link.err());
  if (const pid_t child = fork(); child == 0) {
    std::ofstream(std::string(argv[1]) + "/cgroup.procs") << getpid() << std::flush;
    execvp(argv[2], argv + 2);
    _exit(127);
  } else {
    waitpid(child, nullptr, 0);
  }
  auto raised = policy->map(skeleton::raised_map::name);
  if (!raised)
    return fail(raised.err());
  auto count = raised->lookup<skeleton::raised_map::key_type, skeleton::raised_map::value_type>(0);
  if (!count)
    return fail(count.err());
  std::cout << "raised " << count->value_or(0) << "\n";
  return 0;
}
