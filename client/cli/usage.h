// identityctl's help texts, generated from the command table so they cannot
// drift from what the parser accepts.
//
//   std::cout << GeneralUsage();        // identityctl --help
//   std::cout << ResourceUsage("org");  // identityctl org --help
//   Synopsis(*FindCommand("org", "get"))  // "org get ID"
#ifndef IDENTITY_CLIENT_CLI_USAGE_H_
#define IDENTITY_CLIENT_CLI_USAGE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "client/cli/command.h"

namespace identity::cli {

// The command line of one command, e.g.
// "org create ID --name NAME [--variables JSON]".
std::string Synopsis(const Command& command);

// Every command, the global flags, the environment and the exit codes.
std::string GeneralUsage();

// The commands of one resource; a resource with no commands gets none.
std::string ResourceUsage(absl::string_view resource);

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_USAGE_H_
