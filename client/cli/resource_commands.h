// The commands of each resource identityctl knows, in the order --help lists
// them. Each file <resource>_commands.cc defines one of these.
//
//   std::vector<Command> commands = OrgCommands();
//   // commands[0].resource == "org", commands[0].verb == "create"
//   absl::StatusOr<...> request = commands[0].build_request(args);
#ifndef IDENTITY_CLIENT_CLI_RESOURCE_COMMANDS_H_
#define IDENTITY_CLIENT_CLI_RESOURCE_COMMANDS_H_

#include <vector>

#include "client/cli/command.h"

namespace identity::cli {

std::vector<Command> OrgCommands();
std::vector<Command> TenantCommands();
std::vector<Command> UserCommands();
std::vector<Command> ConfigCommands();
std::vector<Command> AccessKeyCommands();
std::vector<Command> AuditCommands();

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_RESOURCE_COMMANDS_H_
