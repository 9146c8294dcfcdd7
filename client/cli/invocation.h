// What one run of identityctl is to do, decided from its words alone: print
// help, or send one request with given options. Pure (no I/O, no
// environment), so tests check command lines against request messages.
//
//   ASSIGN_OR_RETURN(Invocation run,
//                    ParseInvocation({"org", "get", "acme"}, defaults));
//   // run.command == FindCommand("org", "get"); run.request: id "acme"
#ifndef IDENTITY_CLIENT_CLI_INVOCATION_H_
#define IDENTITY_CLIENT_CLI_INVOCATION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "client/cli/command.h"
#include "client/cli/global_options.h"
#include "google/protobuf/message.h"

namespace identity::cli {

struct Invocation {
  // Set when help was asked for: print it, and do nothing else.
  std::string help;
  GlobalOptions options;
  // The command to run and its request; null with help.
  const Command* command = nullptr;
  std::unique_ptr<google::protobuf::Message> request;
};

// Parses the words after the program name:
//   [global flags] <resource> <verb> [args] [flags and global flags]
// `defaults` supplies what the global flags leave out. INVALID_ARGUMENT
// (a usage error) for anything that does not make a valid request; the
// message says what is wrong and, once the command is known, shows its
// synopsis.
absl::StatusOr<Invocation> ParseInvocation(absl::Span<const std::string> words,
                                           const GlobalOptions& defaults);

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_INVOCATION_H_
