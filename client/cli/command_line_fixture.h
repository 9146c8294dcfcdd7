// Shared by the command-line tests (test-only): parse a command line the way
// identityctl does, without a server, and compare the request it builds.
//
//   EXPECT_TRUE(BuildsRequest({"org", "get", "o1"},
//   "identity.v1.GetOrgRequest",
//                             R"(id: "o1")"));
//   ExpectUsageError({"org", "fly"}, "unknown command 'org fly'");
#ifndef IDENTITY_CLIENT_CLI_COMMAND_LINE_FIXTURE_H_
#define IDENTITY_CLIENT_CLI_COMMAND_LINE_FIXTURE_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/status_matchers.h"
#include "client/cli/invocation.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"

namespace identity::cli {

inline GlobalOptions Defaults() {
  GlobalOptions defaults;
  defaults.client.endpoint = "127.0.0.1:50051";
  defaults.client.access_key = "key-from-environment";
  return defaults;
}

inline absl::StatusOr<Invocation> Parse(const std::vector<std::string>& words) {
  return ParseInvocation(words, Defaults());
}

// Succeeds when `words` parse into a request of type `type_name` equal to
// `expected` (text format).
inline ::testing::AssertionResult BuildsRequest(
    const std::vector<std::string>& words, const std::string& type_name,
    const std::string& expected) {
  absl::StatusOr<Invocation> invocation = Parse(words);
  if (!invocation.ok()) {
    return ::testing::AssertionFailure() << invocation.status();
  }
  if (invocation->request == nullptr) {
    return ::testing::AssertionFailure() << "no request";
  }
  if (invocation->request->GetTypeName() != type_name) {
    return ::testing::AssertionFailure()
           << "built a " << invocation->request->GetTypeName();
  }
  std::unique_ptr<google::protobuf::Message> want(invocation->request->New());
  if (!google::protobuf::TextFormat::ParseFromString(expected, want.get())) {
    return ::testing::AssertionFailure() << "bad expected text: " << expected;
  }
  std::string differences;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&differences);
  if (!differencer.Compare(*want, *invocation->request)) {
    return ::testing::AssertionFailure() << differences;
  }
  return ::testing::AssertionSuccess();
}

// Expects a usage error whose message contains `text`.
inline void ExpectUsageError(const std::vector<std::string>& words,
                             const std::string& text) {
  absl::StatusOr<Invocation> invocation = Parse(words);
  EXPECT_THAT(invocation, StatusIs(absl::StatusCode::kInvalidArgument,
                                   ::testing::HasSubstr(text)));
}

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_COMMAND_LINE_FIXTURE_H_
