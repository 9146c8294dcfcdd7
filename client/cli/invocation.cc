#include "client/cli/invocation.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "client/cli/command_table.h"
#include "client/cli/usage.h"

namespace identity::cli {
namespace {

// The global flags and every command's flags. A flag name means the same in
// every command (a test checks this), so one parse can find the resource and
// verb among flags before the command is known.
std::vector<FlagSpec> AllFlags() {
  std::vector<FlagSpec> flags = GlobalFlags();
  for (const Command& command : AllCommands()) {
    for (const FlagSpec& flag : command.arguments.flags) {
      if (std::none_of(flags.begin(), flags.end(), [&](const FlagSpec& known) {
            return known.name == flag.name;
          })) {
        flags.push_back(flag);
      }
    }
  }
  return flags;
}

Invocation HelpInvocation(std::string text) {
  Invocation invocation;
  invocation.help = std::move(text);
  return invocation;
}

absl::Status WithSynopsis(const absl::Status& status, const Command& command) {
  return absl::Status(status.code(),
                      absl::StrCat(status.message(), "; usage: identityctl ",
                                   Synopsis(command)));
}

}  // namespace

absl::StatusOr<Invocation> ParseInvocation(absl::Span<const std::string> words,
                                           const GlobalOptions& defaults) {
  ASSIGN_OR_RETURN(ParsedArguments args, ParseArguments(AllFlags(), words));
  const std::vector<std::string> resources = Resources();
  const bool help = args.Has("help");
  if (args.positionals.empty()) {
    if (help) return HelpInvocation(GeneralUsage());
    return absl::InvalidArgumentError(
        "no command given; 'identityctl --help' lists them");
  }
  const std::string& resource = args.positionals[0];
  if (std::find(resources.begin(), resources.end(), resource) ==
      resources.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown resource '", resource,
                     "'; resources: ", absl::StrJoin(resources, ", ")));
  }
  if (help) return HelpInvocation(ResourceUsage(resource));
  if (args.positionals.size() < 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        "missing verb; 'identityctl ", resource, " --help' lists them"));
  }
  const std::string& verb = args.positionals[1];
  const Command* command = FindCommand(resource, verb);
  if (command == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown command '", resource, " ", verb,
                     "'; 'identityctl ", resource, " --help' lists them"));
  }
  args.positionals.erase(args.positionals.begin(),
                         args.positionals.begin() + 2);
  if (absl::Status status =
          CheckArguments(command->arguments, GlobalFlags(), args);
      !status.ok()) {
    return WithSynopsis(status, *command);
  }

  Invocation invocation;
  ASSIGN_OR_RETURN(invocation.options, ReadGlobalOptions(args, defaults));
  invocation.command = command;
  ASSIGN_OR_RETURN(invocation.request, command->build_request(args));
  return invocation;
}

}  // namespace identity::cli
