// The real identityd binary as a child process, for tests of what only a
// process shows: its log, its flags, SIGTERM, several replicas.
//
//   IdentitydProcess replica({.database_url = url, .port = FreePort(),
//                             .bootstrap_admin_key = key});
//   ASSERT_TRUE(replica.AwaitServing(absl::Seconds(20)));
//   EXPECT_EQ(replica.Terminate(), 0);  // SIGTERM: drain, stop
//   replica.Start();                    // again, same port and flags
#ifndef IDENTITY_TESTS_E2E_IDENTITYD_PROCESS_H_
#define IDENTITY_TESTS_E2E_IDENTITYD_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace identity::testing {

// A port on 127.0.0.1 that was free a moment ago.
int FreePort();

class IdentitydProcess {
 public:
  struct Options {
    std::string database_url;
    int port = 0;  // Required: chosen up front, so a restart keeps it.
    std::string bootstrap_admin_key;
    // Appended to; stdout and stderr both. Empty: /dev/null.
    std::string log_path;
    // More flags, e.g. "--shutdown_drain_seconds=1".
    std::vector<std::string> flags;
  };

  // Starts the process; does not wait for it to serve.
  explicit IdentitydProcess(Options options);
  // Kills the process if it still runs.
  ~IdentitydProcess();

  IdentitydProcess(const IdentitydProcess&) = delete;
  IdentitydProcess& operator=(const IdentitydProcess&) = delete;

  std::string address() const;

  void Start();
  // True once grpc.health.v1 reports "" SERVING; false after `timeout`.
  bool AwaitServing(absl::Duration timeout) const;
  // SIGTERM, then waits for the exit; returns the exit status (-1 when it
  // died of a signal or was not running).
  int Terminate();
  bool running() const { return pid_ > 0; }

 private:
  Options options_;
  pid_t pid_ = -1;
};

// Runs identityd with `flags` to completion (e.g. --migrate_only); returns
// its exit status.
int RunIdentityd(const std::vector<std::string>& flags,
                 const std::string& log_path);

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_E2E_IDENTITYD_PROCESS_H_
