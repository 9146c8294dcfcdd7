// identityctl user create|get|update|delete|list|info.
#include "client/cli/paging_flags.h"
#include "client/cli/resource_commands.h"
#include "client/cli/resource_flags.h"

namespace identity::cli {
namespace {

// Sets the fields every user flag names, beyond --name and --variables: the
// e-mail from --email and the roles from --roles (comma-separated; "" for
// none). When `mask` is not null, adds the path of each field set.
absl::Status SetUserFields(const ParsedArguments& args, v1::User& user,
                           google::protobuf::FieldMask* mask) {
  RETURN_IF_ERROR(SetNameAndVariables(args, user, mask));
  if (auto email = args.Value("email")) {
    user.set_email(*email);
    if (mask != nullptr) mask->add_paths("email");
  }
  if (auto roles = args.Value("roles")) {
    for (std::string& role : ParseList(*roles)) {
      user.add_roles(std::move(role));
    }
    if (mask != nullptr) mask->add_paths("roles");
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> UserCommands() {
  std::vector<Command> commands;
  commands.push_back(MakeCommand(
      "user", "create",
      "create a user in a tenant (org: the tenant's); roles comma-separated",
      {Arity::kOne,
       "ID",
       {RequiredFlag("tenant", "TENANT"), Flag("org", "ORG"),
        Flag("name", "NAME"), Flag("email", "EMAIL"), Flag("roles", "ROLES"),
        Flag("variables", "JSON")}},
      [](const ParsedArguments& args) -> absl::StatusOr<v1::CreateUserRequest> {
        v1::CreateUserRequest request;
        v1::User& user = *request.mutable_user();
        user.set_id(args.positionals[0]);
        user.set_tenant_id(*args.Value("tenant"));
        user.set_org_id(args.Value("org").value_or(""));
        RETURN_IF_ERROR(SetUserFields(args, user, nullptr));
        return request;
      },
      [](const Client& client, const v1::CreateUserRequest& request) {
        return client.CreateUser(request.user());
      }));
  commands.push_back(MakeCommand(
      "user", "get", "show one user", {Arity::kOne, "ID", {}},
      [](const ParsedArguments& args) -> absl::StatusOr<v1::GetUserRequest> {
        v1::GetUserRequest request;
        request.set_id(args.positionals[0]);
        return request;
      },
      [](const Client& client, const v1::GetUserRequest& request) {
        return client.GetUser(request.id());
      }));
  commands.push_back(MakeCommand(
      "user", "update",
      "change the fields given (--roles '' removes all roles)",
      {Arity::kOne,
       "ID",
       {Flag("name", "NAME"), Flag("email", "EMAIL"), Flag("roles", "ROLES"),
        Flag("variables", "JSON"), Flag("etag", "ETAG")}},
      [](const ParsedArguments& args) -> absl::StatusOr<v1::UpdateUserRequest> {
        v1::UpdateUserRequest request;
        v1::User& user = *request.mutable_user();
        user.set_id(args.positionals[0]);
        user.set_etag(args.Value("etag").value_or(""));
        RETURN_IF_ERROR(
            SetUserFields(args, user, request.mutable_update_mask()));
        RETURN_IF_ERROR(RequireFieldsToUpdate(
            request.update_mask(), "--name, --email, --roles, --variables"));
        return request;
      },
      [](const Client& client, const v1::UpdateUserRequest& request) {
        return client.UpdateUser(request.user(), request.update_mask());
      }));
  commands.push_back(MakeCommand(
      "user", "delete", "delete a user and its access keys",
      {Arity::kOne, "ID", {}},
      [](const ParsedArguments& args) -> absl::StatusOr<v1::DeleteUserRequest> {
        v1::DeleteUserRequest request;
        request.set_id(args.positionals[0]);
        return request;
      },
      [](const Client& client, const v1::DeleteUserRequest& request) {
        return client.DeleteUser(request.id());
      }));
  commands.push_back(MakeCommand(
      "user", "list",
      "list users of an org (default: yours), a tenant or one id",
      {Arity::kNone, "",
       WithPagingFlags({Flag("org", "ORG"), Flag("tenant", "TENANT"),
                        Flag("user", "USER")})},
      [](const ParsedArguments& args) -> absl::StatusOr<v1::ListUsersRequest> {
        v1::ListUsersRequest request;
        request.set_lookup_org_id(args.Value("org").value_or(""));
        request.set_lookup_tenant_id(args.Value("tenant").value_or(""));
        request.set_lookup_user_id(args.Value("user").value_or(""));
        RETURN_IF_ERROR(SetPaging(args, request));
        return request;
      },
      &Client::ListUsers));
  commands.push_back(MakeCommand(
      "user", "info",
      "who you are (or whom --as impersonates): roles and permissions",
      {Arity::kNone, "", {}},
      [](const ParsedArguments&) -> absl::StatusOr<v1::GetUserInfoRequest> {
        return v1::GetUserInfoRequest();
      },
      [](const Client& client, const v1::GetUserInfoRequest&) {
        return client.GetUserInfo();
      }));
  return commands;
}

}  // namespace identity::cli
