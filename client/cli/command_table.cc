#include "client/cli/command_table.h"

#include <algorithm>
#include <utility>

#include "client/cli/resource_commands.h"

namespace identity::cli {

const std::vector<Command>& AllCommands() {
  static const std::vector<Command>* const kCommands = [] {
    auto* commands = new std::vector<Command>();
    for (std::vector<Command> (*resource_commands)() :
         {OrgCommands, TenantCommands, UserCommands, ConfigCommands,
          AccessKeyCommands, AuditCommands}) {
      for (Command& command : resource_commands()) {
        commands->push_back(std::move(command));
      }
    }
    return commands;
  }();
  return *kCommands;
}

const Command* FindCommand(absl::string_view resource, absl::string_view verb) {
  const std::vector<Command>& commands = AllCommands();
  auto it = std::find_if(
      commands.begin(), commands.end(), [&](const Command& command) {
        return command.resource == resource && command.verb == verb;
      });
  return it == commands.end() ? nullptr : &*it;
}

std::vector<std::string> Resources() {
  std::vector<std::string> resources;
  for (const Command& command : AllCommands()) {
    if (resources.empty() || resources.back() != command.resource) {
      resources.push_back(command.resource);
    }
  }
  return resources;
}

}  // namespace identity::cli
