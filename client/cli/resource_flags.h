// The --name and --variables flags that orgs, tenants and users share, and
// the rule that an update names at least one field.
//
//   RETURN_IF_ERROR(SetNameAndVariables(args, *request.mutable_org(),
//                                       request.mutable_update_mask()));
//   RETURN_IF_ERROR(RequireFieldsToUpdate(request.update_mask(),
//                                         "--name, --variables"));
#ifndef IDENTITY_CLIENT_CLI_RESOURCE_FLAGS_H_
#define IDENTITY_CLIENT_CLI_RESOURCE_FLAGS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "base/status_macros.h"
#include "client/cli/argument_parser.h"
#include "client/cli/flag_values.h"
#include "google/protobuf/field_mask.pb.h"

namespace identity::cli {

// Sets `resource`'s name from --name and variables from --variables. When
// `mask` is not null, adds the path of each field a flag was given for, so
// an update changes exactly what the command line names. INVALID_ARGUMENT
// when --variables is not a JSON object.
template <typename Resource>
absl::Status SetNameAndVariables(const ParsedArguments& args,
                                 Resource& resource,
                                 google::protobuf::FieldMask* mask) {
  if (auto name = args.Value("name")) {
    resource.set_name(*name);
    if (mask != nullptr) mask->add_paths("name");
  }
  if (auto variables = args.Value("variables")) {
    ASSIGN_OR_RETURN(*resource.mutable_variables(),
                     ParseJsonObject("variables", *variables));
    if (mask != nullptr) mask->add_paths("variables");
  }
  return absl::OkStatus();
}

// INVALID_ARGUMENT when an update names no field. The server would read an
// empty mask as "every field that is set", which here is none: the command
// would do nothing, which is almost certainly a mistake.
absl::Status RequireFieldsToUpdate(const google::protobuf::FieldMask& mask,
                                   absl::string_view field_flags);

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_RESOURCE_FLAGS_H_
