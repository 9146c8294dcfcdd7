// identityctl audit list.
#include "client/cli/flag_values.h"
#include "client/cli/paging_flags.h"
#include "client/cli/resource_commands.h"

namespace identity::cli {

std::vector<Command> AuditCommands() {
  std::vector<Command> commands;
  commands.push_back(MakeCommand(
      "audit", "list",
      "list audit events, newest first (--org '*': every org, super admins)",
      {Arity::kNone, "",
       WithPagingFlags({Flag("org", "ORG"), Flag("actor", "USER"),
                        Flag("resource-type", "TYPE"),
                        Flag("resource-id", "ID"), Flag("since", "RFC3339"),
                        Flag("until", "RFC3339")})},
      [](const ParsedArguments& args)
          -> absl::StatusOr<v1::ListAuditEventsRequest> {
        v1::ListAuditEventsRequest request;
        request.set_lookup_org_id(args.Value("org").value_or(""));
        request.set_actor_id(args.Value("actor").value_or(""));
        request.set_resource_type(args.Value("resource-type").value_or(""));
        request.set_resource_id(args.Value("resource-id").value_or(""));
        if (auto since = args.Value("since")) {
          ASSIGN_OR_RETURN(*request.mutable_start_time(),
                           ParseTimestamp("since", *since));
        }
        if (auto until = args.Value("until")) {
          ASSIGN_OR_RETURN(*request.mutable_end_time(),
                           ParseTimestamp("until", *until));
        }
        RETURN_IF_ERROR(SetPaging(args, request));
        return request;
      },
      &Client::ListAuditEvents));
  return commands;
}

}  // namespace identity::cli
