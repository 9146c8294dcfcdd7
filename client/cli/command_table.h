// Every identityctl command, looked up by "<resource> <verb>".
//
//   const Command* command = FindCommand("org", "create");
//   if (command == nullptr) { ... unknown command ... }
//   for (const Command& each : AllCommands()) { ... --help ... }
#ifndef IDENTITY_CLIENT_CLI_COMMAND_TABLE_H_
#define IDENTITY_CLIENT_CLI_COMMAND_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "client/cli/command.h"

namespace identity::cli {

// Grouped by resource, in the order --help lists them.
const std::vector<Command>& AllCommands();

// Null when there is no such command.
const Command* FindCommand(absl::string_view resource, absl::string_view verb);

// "org", "tenant", "user", "config", "key", "audit".
std::vector<std::string> Resources();

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_COMMAND_TABLE_H_
