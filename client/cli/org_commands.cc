// identityctl org create|get|update|delete|list.
#include "client/cli/paging_flags.h"
#include "client/cli/resource_commands.h"
#include "client/cli/resource_flags.h"

namespace identity::cli {

std::vector<Command> OrgCommands() {
  std::vector<Command> commands;
  commands.push_back(MakeCommand(
      "org", "create", "create an org",
      {Arity::kOne,
       "ID",
       {RequiredFlag("name", "NAME"), Flag("variables", "JSON")}},
      [](const ParsedArguments& args) -> absl::StatusOr<v1::CreateOrgRequest> {
        v1::CreateOrgRequest request;
        request.mutable_org()->set_id(args.positionals[0]);
        RETURN_IF_ERROR(
            SetNameAndVariables(args, *request.mutable_org(), nullptr));
        return request;
      },
      [](const Client& client, const v1::CreateOrgRequest& request) {
        return client.CreateOrg(request.org());
      }));
  commands.push_back(MakeCommand(
      "org", "get", "show one org", {Arity::kOne, "ID", {}},
      [](const ParsedArguments& args) -> absl::StatusOr<v1::GetOrgRequest> {
        v1::GetOrgRequest request;
        request.set_id(args.positionals[0]);
        return request;
      },
      [](const Client& client, const v1::GetOrgRequest& request) {
        return client.GetOrg(request.id());
      }));
  commands.push_back(MakeCommand(
      "org", "update",
      "change the fields given; --etag guards against lost updates",
      {Arity::kOne,
       "ID",
       {Flag("name", "NAME"), Flag("variables", "JSON"), Flag("etag", "ETAG")}},
      [](const ParsedArguments& args) -> absl::StatusOr<v1::UpdateOrgRequest> {
        v1::UpdateOrgRequest request;
        v1::Org& org = *request.mutable_org();
        org.set_id(args.positionals[0]);
        org.set_etag(args.Value("etag").value_or(""));
        RETURN_IF_ERROR(
            SetNameAndVariables(args, org, request.mutable_update_mask()));
        RETURN_IF_ERROR(RequireFieldsToUpdate(request.update_mask(),
                                              "--name, --variables"));
        return request;
      },
      [](const Client& client, const v1::UpdateOrgRequest& request) {
        return client.UpdateOrg(request.org(), request.update_mask());
      }));
  commands.push_back(MakeCommand(
      "org", "delete", "delete an org; --force also deletes everything in it",
      {Arity::kOne, "ID", {Switch("force")}},
      [](const ParsedArguments& args) -> absl::StatusOr<v1::DeleteOrgRequest> {
        v1::DeleteOrgRequest request;
        request.set_id(args.positionals[0]);
        request.set_force(args.Has("force"));
        return request;
      },
      [](const Client& client, const v1::DeleteOrgRequest& request) {
        return client.DeleteOrg(request.id(), request.force());
      }));
  commands.push_back(MakeCommand(
      "org", "list", "list orgs", {Arity::kNone, "", WithPagingFlags({})},
      [](const ParsedArguments& args) -> absl::StatusOr<v1::ListOrgsRequest> {
        v1::ListOrgsRequest request;
        RETURN_IF_ERROR(SetPaging(args, request));
        return request;
      },
      &Client::ListOrgs));
  return commands;
}

}  // namespace identity::cli
