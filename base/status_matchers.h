// gMock matchers for absl::Status and absl::StatusOr<T>, named like
// Abseil's newer ones (Debian's Abseil 20220623 has none).
//
//   EXPECT_THAT(store.Get("nope"), StatusIs(absl::StatusCode::kNotFound));
//   EXPECT_THAT(tx.orgs().Delete("o1", false), IsOk());
//   EXPECT_THAT(client.GetOrg("o1"), IsOkAndHolds(Property(&Org::id, "o1")));
//   EXPECT_THAT(client.GetTenant("t9"), ErrorReasonIs("TENANT_NOT_FOUND"));
//   EXPECT_THAT(status, HasFieldViolation("org.id"));
#ifndef IDENTITY_BASE_STATUS_MATCHERS_H_
#define IDENTITY_BASE_STATUS_MATCHERS_H_

#include <ostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/error_details.h"
#include "gmock/gmock.h"

namespace identity {
namespace status_matchers_internal {

inline const absl::Status& StatusOf(const absl::Status& status) {
  return status;
}
template <typename T>
const absl::Status& StatusOf(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

}  // namespace status_matchers_internal

// The status (of a Status or StatusOr) is OK.
MATCHER(IsOk, negation ? "is not OK" : "is OK") {
  const absl::Status& status = status_matchers_internal::StatusOf(arg);
  if (!status.ok()) *result_listener << "whose status is " << status;
  return status.ok();
}

// The status has `code`.
MATCHER_P(StatusIs, code,
          std::string(negation ? "has a code other than " : "has code ") +
              absl::StatusCodeToString(code)) {
  const absl::Status& status = status_matchers_internal::StatusOf(arg);
  *result_listener << "whose status is " << status;
  return status.code() == code;
}

// The status has `code` and a message matching `message_matcher`.
MATCHER_P2(StatusIs, code, message_matcher,
           std::string(negation ? "has not code " : "has code ") +
               absl::StatusCodeToString(code) + " and a message that " +
               ::testing::DescribeMatcher<std::string>(message_matcher,
                                                       negation)) {
  const absl::Status& status = status_matchers_internal::StatusOf(arg);
  *result_listener << "whose status is " << status;
  return status.code() == code &&
         ::testing::Matches(message_matcher)(std::string(status.message()));
}

// The StatusOr is OK and its value matches `value_matcher`.
MATCHER_P(IsOkAndHolds, value_matcher,
          std::string(negation ? "is not OK or holds a value that "
                               : "is OK and holds a value that ") +
              ::testing::DescribeMatcher<
                  typename std::remove_reference_t<arg_type>::value_type>(
                  value_matcher, negation)) {
  if (!arg.ok()) {
    *result_listener << "whose status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(value_matcher, *arg, result_listener);
}

// The error's reason (base/error_details.h: attached, or its code's default)
// is `reason`.
MATCHER_P(ErrorReasonIs, reason,
          std::string(negation ? "has a reason other than " : "has reason ") +
              std::string(reason)) {
  const absl::Status& status = status_matchers_internal::StatusOf(arg);
  *result_listener << "whose status is " << status << " with reason "
                   << ErrorReasonOf(status);
  return ErrorReasonOf(status) == reason;
}

// The error names a bad field matching `field_matcher` (a string or matcher).
MATCHER_P(HasFieldViolation, field_matcher,
          std::string(negation ? "names no bad field that "
                               : "names a bad field that ") +
              ::testing::DescribeMatcher<std::string>(field_matcher,
                                                      negation)) {
  const absl::Status& status = status_matchers_internal::StatusOf(arg);
  std::string fields;
  bool found = false;
  for (const FieldViolation& violation : FieldViolationsOf(status)) {
    fields += " " + violation.field;
    found = found || ::testing::Matches(field_matcher)(violation.field);
  }
  *result_listener << "whose status is " << status << " with bad fields ["
                   << fields << " ]";
  return found;
}

}  // namespace identity

#endif  // IDENTITY_BASE_STATUS_MATCHERS_H_
