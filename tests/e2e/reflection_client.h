// Asks a server's reflection service for the file that defines a symbol, as
// buf curl and grpcurl do before they can call a method, over
// grpc.reflection.v1alpha (what gRPC 1.51 serves; Debian packages no C++
// reflection client).
//
//   absl::StatusOr<google::protobuf::FileDescriptorProto> file =
//       FileContainingSymbol(channel, "grpc.health.v1.Health",
//                            absl::Seconds(10));
//   // file->service(0).method(0).name() == "Check"
#ifndef IDENTITY_TESTS_E2E_REFLECTION_CLIENT_H_
#define IDENTITY_TESTS_E2E_REFLECTION_CLIENT_H_

#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/channel.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace identity::testing {

// The file descriptor that defines `symbol` (a service or message's full
// name). NOT_FOUND when the server cannot describe it (its error_response),
// the call's error otherwise; DEADLINE_EXCEEDED after `timeout`.
absl::StatusOr<google::protobuf::FileDescriptorProto> FileContainingSymbol(
    std::shared_ptr<grpc::Channel> channel, const std::string& symbol,
    absl::Duration timeout);

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_E2E_REFLECTION_CLIENT_H_
