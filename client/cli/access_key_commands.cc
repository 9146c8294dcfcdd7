// identityctl key create|list|delete|rotate.
#include "client/cli/flag_values.h"
#include "client/cli/paging_flags.h"
#include "client/cli/resource_commands.h"

namespace identity::cli {

std::vector<Command> AccessKeyCommands() {
  std::vector<Command> commands;
  commands.push_back(MakeCommand(
      "key", "create",
      "create an access key (yours, or --user's); prints the secret, once; "
      "--permissions (comma-separated) caps it at fewer permissions",
      {Arity::kOne,
       "NAME",
       {Flag("description", "TEXT"), Flag("expires", "RFC3339"),
        Flag("user", "USER"), Flag("permissions", "PERMISSIONS")}},
      [](const ParsedArguments& args)
          -> absl::StatusOr<v1::CreateAccessKeyRequest> {
        v1::CreateAccessKeyRequest request;
        request.set_name(args.positionals[0]);
        request.set_description(args.Value("description").value_or(""));
        request.set_user_id(args.Value("user").value_or(""));
        if (auto permissions = args.Value("permissions")) {
          for (std::string& permission : ParseList(*permissions)) {
            request.add_permissions(std::move(permission));
          }
        }
        if (auto expires = args.Value("expires")) {
          ASSIGN_OR_RETURN(*request.mutable_expire_time(),
                           ParseTimestamp("expires", *expires));
        }
        return request;
      },
      &Client::CreateAccessKey));
  commands.push_back(MakeCommand(
      "key", "list", "list access keys (yours, or --user's), without secrets",
      {Arity::kNone, "", WithPagingFlags({Flag("user", "USER")})},
      [](const ParsedArguments& args)
          -> absl::StatusOr<v1::ListAccessKeysRequest> {
        v1::ListAccessKeysRequest request;
        request.set_user_id(args.Value("user").value_or(""));
        RETURN_IF_ERROR(SetPaging(args, request));
        return request;
      },
      &Client::ListAccessKeys));
  commands.push_back(MakeCommand(
      "key", "delete",
      "delete access keys by name (yours, or --user's); all or nothing",
      {Arity::kOneOrMore, "NAME", {Flag("user", "USER")}},
      [](const ParsedArguments& args)
          -> absl::StatusOr<v1::DeleteAccessKeysRequest> {
        v1::DeleteAccessKeysRequest request;
        for (const std::string& name : args.positionals) {
          request.add_names(name);
        }
        request.set_user_id(args.Value("user").value_or(""));
        return request;
      },
      &Client::DeleteAccessKeys));
  commands.push_back(MakeCommand(
      "key", "rotate",
      "give a key (yours, or --user's) a new secret, printed once; the old "
      "one works for --grace (default 24h, at most 30d; 0s: revoked now)",
      {Arity::kOne, "NAME", {Flag("user", "USER"), Flag("grace", "DURATION")}},
      [](const ParsedArguments& args)
          -> absl::StatusOr<v1::RotateAccessKeyRequest> {
        v1::RotateAccessKeyRequest request;
        request.set_name(args.positionals[0]);
        request.set_user_id(args.Value("user").value_or(""));
        if (auto grace = args.Value("grace")) {
          ASSIGN_OR_RETURN(*request.mutable_grace_period(),
                           ParseDuration("grace", *grace));
        }
        return request;
      },
      &Client::RotateAccessKey));
  return commands;
}

}  // namespace identity::cli
