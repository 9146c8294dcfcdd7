// identityctl tenant create|get|update|delete|list.
#include "client/cli/paging_flags.h"
#include "client/cli/resource_commands.h"
#include "client/cli/resource_flags.h"

namespace identity::cli {

std::vector<Command> TenantCommands() {
  std::vector<Command> commands;
  commands.push_back(MakeCommand(
      "tenant", "create", "create a tenant in an org",
      {Arity::kOne,
       "ID",
       {RequiredFlag("org", "ORG"), RequiredFlag("name", "NAME"),
        Flag("variables", "JSON")}},
      [](const ParsedArguments& args)
          -> absl::StatusOr<v1::CreateTenantRequest> {
        v1::CreateTenantRequest request;
        v1::Tenant& tenant = *request.mutable_tenant();
        tenant.set_id(args.positionals[0]);
        tenant.set_org_id(*args.Value("org"));
        RETURN_IF_ERROR(SetNameAndVariables(args, tenant, nullptr));
        return request;
      },
      [](const Client& client, const v1::CreateTenantRequest& request) {
        return client.CreateTenant(request.tenant());
      }));
  commands.push_back(MakeCommand(
      "tenant", "get", "show one tenant", {Arity::kOne, "ID", {}},
      [](const ParsedArguments& args) -> absl::StatusOr<v1::GetTenantRequest> {
        v1::GetTenantRequest request;
        request.set_id(args.positionals[0]);
        return request;
      },
      [](const Client& client, const v1::GetTenantRequest& request) {
        return client.GetTenant(request.id());
      }));
  commands.push_back(MakeCommand(
      "tenant", "update",
      "change the fields given; --etag guards against lost updates",
      {Arity::kOne,
       "ID",
       {Flag("name", "NAME"), Flag("variables", "JSON"), Flag("etag", "ETAG")}},
      [](const ParsedArguments& args)
          -> absl::StatusOr<v1::UpdateTenantRequest> {
        v1::UpdateTenantRequest request;
        v1::Tenant& tenant = *request.mutable_tenant();
        tenant.set_id(args.positionals[0]);
        tenant.set_etag(args.Value("etag").value_or(""));
        RETURN_IF_ERROR(
            SetNameAndVariables(args, tenant, request.mutable_update_mask()));
        RETURN_IF_ERROR(RequireFieldsToUpdate(request.update_mask(),
                                              "--name, --variables"));
        return request;
      },
      [](const Client& client, const v1::UpdateTenantRequest& request) {
        return client.UpdateTenant(request.tenant(), request.update_mask());
      }));
  commands.push_back(MakeCommand(
      "tenant", "delete", "delete a tenant; --force also deletes its users",
      {Arity::kOne, "ID", {Switch("force")}},
      [](const ParsedArguments& args)
          -> absl::StatusOr<v1::DeleteTenantRequest> {
        v1::DeleteTenantRequest request;
        request.set_id(args.positionals[0]);
        request.set_force(args.Has("force"));
        return request;
      },
      [](const Client& client, const v1::DeleteTenantRequest& request) {
        return client.DeleteTenant(request.id(), request.force());
      }));
  commands.push_back(MakeCommand(
      "tenant", "list", "list the tenants of an org (default: yours)",
      {Arity::kNone, "", WithPagingFlags({Flag("org", "ORG")})},
      [](const ParsedArguments& args)
          -> absl::StatusOr<v1::ListTenantsRequest> {
        v1::ListTenantsRequest request;
        request.set_lookup_org_id(args.Value("org").value_or(""));
        RETURN_IF_ERROR(SetPaging(args, request));
        return request;
      },
      &Client::ListTenants));
  return commands;
}

}  // namespace identity::cli
