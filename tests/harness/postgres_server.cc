#include "tests/harness/postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "tests/harness/child_process.h"

namespace identity::testing {
namespace {

constexpr char kDefaultBinDir[] = "/usr/lib/postgresql/15/bin";
constexpr int kStartAttempts = 5;
constexpr auto kReadyTimeout = std::chrono::seconds(60);

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "PostgresServer: %s\n", what.c_str());
  std::abort();
}

std::string BinDir() {
  const char* dir = std::getenv("IDENTITY_TEST_PG_BINDIR");
  return dir != nullptr ? dir : kDefaultBinDir;
}

// PostgreSQL refuses to run as root; then it runs as user postgres.
struct RunAs {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

RunAs ServerUser() {
  if (geteuid() != 0) return {};
  const passwd* user = getpwnam("postgres");
  if (user == nullptr) Fail("running as root, but there is no user postgres");
  return {true, user->pw_uid, user->pw_gid};
}

// Starts `argv` with stdout and stderr appended to `log`, as `run_as`. The
// child gets SIGQUIT (PostgreSQL's immediate shutdown) if this thread dies.
pid_t Spawn(const std::vector<std::string>& argv,
            const std::filesystem::path& log, const RunAs& run_as) {
  std::vector<char*> args;
  for (const std::string& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const int log_fd =
      open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (log_fd < 0 || null_fd < 0) Fail("cannot open " + log.string());
  const pid_t parent = getpid();

  const pid_t pid = fork();
  if (pid < 0) Fail("fork failed");
  if (pid == 0) {
    // Only async-signal-safe calls from here on.
    dup2(null_fd, STDIN_FILENO);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    if (run_as.switch_user &&
        (setgroups(0, nullptr) != 0 || setgid(run_as.gid) != 0 ||
         setuid(run_as.uid) != 0)) {
      _exit(126);
    }
    // After setuid, which would clear it.
    prctl(PR_SET_PDEATHSIG, SIGQUIT);
    if (getppid() != parent) _exit(125);
    execv(args[0], args.data());
    _exit(127);
  }
  close(log_fd);
  close(null_fd);
  return pid;
}

int WaitForExit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) Fail("waitpid failed");
  }
  return status;
}

}  // namespace

PostgresServer::PostgresServer(Commits commits) : commits_(commits) {
  const RunAs run_as = ServerUser();
  std::string pattern =
      (std::filesystem::temp_directory_path() / "identity-pg-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) Fail("cannot create " + pattern);
  directory_ = pattern;
  if (run_as.switch_user &&
      chown(directory_.c_str(), run_as.uid, run_as.gid) != 0) {
    Fail("cannot give " + directory_.string() + " to user postgres");
  }

  const pid_t initdb = Spawn(
      {BinDir() + "/initdb", "-D", (directory_ / "data").string(), "-A",
       "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"},
      directory_ / "initdb.log", run_as);
  const int status = WaitForExit(initdb);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    Fail("initdb failed; see " + (directory_ / "initdb.log").string());
  }

  for (int attempt = 1; attempt <= kStartAttempts; ++attempt) {
    // Another process may take the port before postgres does; Start then
    // tries another.
    port_ = FreeLoopbackPort();
    if (TryStart()) return;
  }
  Fail("postgres did not start; see " + (directory_ / "postgres.log").string());
}

PostgresServer::~PostgresServer() {
  if (pid_ > 0) Stop();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

void PostgresServer::Stop() {
  if (pid_ < 0) return;
  kill(pid_, SIGINT);
  WaitForExit(pid_);
  pid_ = -1;
}

void PostgresServer::Crash() {
  if (pid_ < 0) return;
  kill(pid_, SIGQUIT);
  WaitForExit(pid_);
  pid_ = -1;
}

void PostgresServer::Start() {
  if (pid_ > 0) return;
  if (!TryStart()) {
    Fail("postgres did not restart; see " +
         (directory_ / "postgres.log").string());
  }
}

std::string PostgresServer::url(std::string_view dbname) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" +
         std::string(dbname);
}

bool PostgresServer::TryStart() {
  pid_ = Spawn({BinDir() + "/postgres", "-D", (directory_ / "data").string(),
                "-p", std::to_string(port_), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", "-c", "fsync=off", "-c",
                commits_ == Commits::kDurable ? "synchronous_commit=on"
                                              : "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=200", "-c",
                "shared_buffers=64MB"},
               directory_ / "postgres.log", ServerUser());
  const std::string probe = url("postgres") + "?connect_timeout=2";
  const auto give_up = std::chrono::steady_clock::now() + kReadyTimeout;
  while (std::chrono::steady_clock::now() < give_up) {
    if (PQping(probe.c_str()) == PQPING_OK) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {  // It gave up, e.g. on
      pid_ = -1;                                    // a port taken.
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Stop();
  return false;
}

}  // namespace identity::testing
