// identityctl's exit status, as its --help documents it.
//
//   if (!invocation.ok()) return kExitUsageError;
//   if (!response.ok()) return kExitCallFailed;
//   return kExitSuccess;
#ifndef IDENTITY_CLIENT_CLI_EXIT_CODE_H_
#define IDENTITY_CLIENT_CLI_EXIT_CODE_H_

namespace identity::cli {

enum ExitCode : int {
  kExitSuccess = 0,
  // The server answered with an error, or could not be reached in time.
  kExitCallFailed = 1,
  // The command line does not make a valid request; nothing was sent.
  kExitUsageError = 2,
};

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_EXIT_CODE_H_
