// identityctl config update.
#include "client/cli/flag_values.h"
#include "client/cli/resource_commands.h"

namespace identity::cli {

std::vector<Command> ConfigCommands() {
  std::vector<Command> commands;
  commands.push_back(MakeCommand(
      "config", "update",
      "set and delete keys of your config; prints all of it (no flags: just "
      "print). A VALUE that is not JSON is a string",
      {Arity::kNone,
       "",
       {RepeatedFlag("set", "KEY=VALUE"), RepeatedFlag("delete", "KEY")}},
      [](const ParsedArguments& args)
          -> absl::StatusOr<v1::UpdateConfigRequest> {
        v1::UpdateConfigRequest request;
        for (const std::string& assignment : args.Values("set")) {
          const size_t equals = assignment.find('=');
          if (equals == 0 || equals == std::string::npos) {
            return absl::InvalidArgumentError(
                "--set takes KEY=VALUE with a non-empty KEY");
          }
          // Touched only here, so a request without --set stays empty.
          google::protobuf::Struct& updated = *request.mutable_updated();
          (*updated.mutable_fields())[assignment.substr(0, equals)] =
              ParseJsonOrString(assignment.substr(equals + 1));
        }
        for (const std::string& key : args.Values("delete")) {
          request.add_deleted(key);
        }
        return request;
      },
      &Client::UpdateConfig));
  return commands;
}

}  // namespace identity::cli
