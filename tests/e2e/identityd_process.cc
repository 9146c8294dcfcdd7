#include "tests/e2e/identityd_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grpcpp/create_channel.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "tests/e2e/health_client.h"

extern char** environ;

namespace identity::testing {
namespace {

// posix_spawn rather than fork: the test process runs gRPC threads.
pid_t Spawn(const std::vector<std::string>& flags, const std::string& log_path,
            const std::string& bootstrap_admin_key) {
  std::vector<std::string> arguments = {IDENTITYD_PATH};
  arguments.insert(arguments.end(), flags.begin(), flags.end());
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);

  std::vector<std::string> environment;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    if (std::strncmp(*variable, "IDENTITY_", 9) != 0) {
      environment.push_back(*variable);
    }
  }
  if (!bootstrap_admin_key.empty()) {
    environment.push_back("IDENTITY_BOOTSTRAP_ADMIN_KEY=" +
                          bootstrap_admin_key);
  }
  std::vector<char*> envp;
  for (std::string& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string log = log_path.empty() ? "/dev/null" : log_path;
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  // The child must not inherit the test's blocked signals.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, argv[0], &actions, &attributes,
                                argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) {
    std::cerr << "cannot start " << argv[0] << ": " << std::strerror(error)
              << "\n";
    std::abort();
  }
  return pid;
}

int WaitForExit(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

IdentitydProcess::IdentitydProcess(Options options)
    : options_(std::move(options)) {
  Start();
}

IdentitydProcess::~IdentitydProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    WaitForExit(pid_);
  }
}

std::string IdentitydProcess::address() const {
  return absl::StrCat("127.0.0.1:", options_.port);
}

void IdentitydProcess::Start() {
  std::vector<std::string> flags = {
      absl::StrCat("--listen=", address()),
      absl::StrCat("--database_url=", options_.database_url)};
  flags.insert(flags.end(), options_.flags.begin(), options_.flags.end());
  pid_ = Spawn(flags, options_.log_path, options_.bootstrap_admin_key);
}

bool IdentitydProcess::AwaitServing(absl::Duration timeout) const {
  HealthClient health(
      grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
  return health.AwaitStatus("", grpc::health::v1::HealthCheckResponse::SERVING,
                            timeout);
}

int IdentitydProcess::Terminate() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const int status = WaitForExit(pid_);
  pid_ = -1;
  return status;
}

int RunIdentityd(const std::vector<std::string>& flags,
                 const std::string& log_path) {
  return WaitForExit(Spawn(flags, log_path, ""));
}

}  // namespace identity::testing
