// One identityctl command, "<resource> <verb>": what it accepts, how its
// arguments become the RPC's request message (a pure step, unit-tested), and
// how that request is sent through identity::Client.
//
//   Command get = MakeCommand("org", "get", "show one org", spec,
//       [](const ParsedArguments& args) { ... return request; },
//       [](const Client& client, const v1::GetOrgRequest& request) { ... });
#ifndef IDENTITY_CLIENT_CLI_COMMAND_H_
#define IDENTITY_CLIENT_CLI_COMMAND_H_

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/status_macros.h"
#include "client/cli/argument_parser.h"
#include "client/client.h"
#include "google/protobuf/empty.pb.h"
#include "google/protobuf/message.h"

namespace identity::cli {

struct Command {
  std::string resource;
  std::string verb;
  // One line for --help.
  std::string summary;
  ArgumentSpec arguments;
  // Builds the request from arguments that passed CheckArguments.
  // INVALID_ARGUMENT when a value does not fit (bad JSON, time, number).
  std::function<absl::StatusOr<std::unique_ptr<google::protobuf::Message>>(
      const ParsedArguments&)>
      build_request;
  // Sends a request made by build_request; returns the response, which is
  // google.protobuf.Empty for RPCs that answer nothing.
  std::function<absl::StatusOr<std::unique_ptr<google::protobuf::Message>>(
      const Client&, const google::protobuf::Message&)>
      send;
};

// Makes a Command from a typed builder, returning absl::StatusOr<Request>,
// and a typed sender: a callable (or Client member function) taking
// (const Client&, const Request&) and returning absl::StatusOr<Response> or
// absl::Status. Pairing them here is what makes the downcast in `send` safe.
template <typename Build, typename Send>
Command MakeCommand(std::string resource, std::string verb, std::string summary,
                    ArgumentSpec arguments, Build build, Send send) {
  using Request =
      typename std::invoke_result_t<Build, const ParsedArguments&>::value_type;
  Command command;
  command.resource = std::move(resource);
  command.verb = std::move(verb);
  command.summary = std::move(summary);
  command.arguments = std::move(arguments);
  command.build_request = [build](const ParsedArguments& args)
      -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    ASSIGN_OR_RETURN(Request request, build(args));
    return std::make_unique<Request>(std::move(request));
  };
  command.send = [send](const Client& client,
                        const google::protobuf::Message& request)
      -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    auto result =
        std::invoke(send, client, static_cast<const Request&>(request));
    if constexpr (std::is_same_v<decltype(result), absl::Status>) {
      RETURN_IF_ERROR(result);
      return std::make_unique<google::protobuf::Empty>();
    } else {
      RETURN_IF_ERROR(result.status());
      using Response = typename decltype(result)::value_type;
      return std::make_unique<Response>(*std::move(result));
    }
  };
  return command;
}

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_COMMAND_H_
