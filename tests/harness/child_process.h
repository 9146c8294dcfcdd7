// A program a test runs beside itself, e.g. a replica of the real identityd,
// that it can kill as a crash or an OOM killer would.
//
//   ChildProcess replica({"build/identityd/identityd", "--listen=..."},
//                        {"IDENTITY_BOOTSTRAP_ADMIN_KEY=idk_..."}, log_path);
//   replica.Kill(SIGKILL);  // returns once it is gone
#ifndef IDENTITY_TESTS_HARNESS_CHILD_PROCESS_H_
#define IDENTITY_TESTS_HARNESS_CHILD_PROCESS_H_

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace identity::testing {

class ChildProcess {
 public:
  // Starts argv[0] with `argv`, this process's environment plus
  // `environment` ("NAME=value" each), and stdout and stderr appended to
  // `log`. The child gets SIGKILL if the test's thread that started it dies.
  // Ends the test binary if it cannot fork.
  ChildProcess(const std::vector<std::string>& argv,
               const std::vector<std::string>& environment,
               const std::filesystem::path& log);
  // SIGTERM, then waits, unless it has been killed already.
  ~ChildProcess();

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Sends `signal` and waits for the process to end.
  void Kill(int signal);
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;  // -1 once it has ended.
};

// A 127.0.0.1 port nothing listens on right now.
int FreeLoopbackPort();

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_HARNESS_CHILD_PROCESS_H_
