// Conversions from flag text to the proto values of requests. Each returns
// INVALID_ARGUMENT naming the flag when the text does not fit.
//
//   ASSIGN_OR_RETURN(*org.mutable_variables(),
//                    ParseJsonObject("variables", R"({"tier": "gold"})"));
//   ASSIGN_OR_RETURN(*request.mutable_expire_time(),
//                    ParseTimestamp("expires", "2030-01-01T00:00:00Z"));
//   ASSIGN_OR_RETURN(*request.mutable_grace_period(),
//                    ParseDuration("grace", "3600s"));
#ifndef IDENTITY_CLIENT_CLI_FLAG_VALUES_H_
#define IDENTITY_CLIENT_CLI_FLAG_VALUES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/timestamp.pb.h"

namespace identity::cli {

// A JSON object, e.g. for --variables.
absl::StatusOr<google::protobuf::Struct> ParseJsonObject(
    absl::string_view flag, const std::string& text);

// Any JSON value; text that is not valid JSON is taken as a string, so
// `--set theme=dark` needs no quoting while `--set limit=5` stays a number.
google::protobuf::Value ParseJsonOrString(const std::string& text);

// An RFC 3339 time such as "2030-01-01T00:00:00Z".
absl::StatusOr<google::protobuf::Timestamp> ParseTimestamp(
    absl::string_view flag, const std::string& text);

// A duration such as "30d", "1d12h", "3600s", "90m" or "0s" (Go-style
// units h, m, s, ms, after an optional whole number of days). The range
// rules are the server's.
absl::StatusOr<google::protobuf::Duration> ParseDuration(
    absl::string_view flag, const std::string& text);

// A decimal 32-bit integer such as a page size. The range rules are the
// server's, so a negative number is passed on for it to judge.
absl::StatusOr<int32_t> ParseInt32(absl::string_view flag,
                                   const std::string& text);

// A comma-separated list such as "user,api-user"; empty items are dropped,
// so "" is the empty list.
std::vector<std::string> ParseList(const std::string& text);

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_FLAG_VALUES_H_
