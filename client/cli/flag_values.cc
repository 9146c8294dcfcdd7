#include "client/cli/flag_values.h"

#include <cstdint>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"

namespace identity::cli {

absl::StatusOr<google::protobuf::Struct> ParseJsonObject(
    absl::string_view flag, const std::string& text) {
  google::protobuf::Struct object;
  if (auto status = google::protobuf::util::JsonStringToMessage(text, &object);
      !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", flag, " is not a JSON object: ", std::string(status.message())));
  }
  return object;
}

google::protobuf::Value ParseJsonOrString(const std::string& text) {
  google::protobuf::Value value;
  if (!google::protobuf::util::JsonStringToMessage(text, &value).ok()) {
    value.set_string_value(text);
  }
  return value;
}

absl::StatusOr<google::protobuf::Timestamp> ParseTimestamp(
    absl::string_view flag, const std::string& text) {
  google::protobuf::Timestamp time;
  if (!google::protobuf::util::TimeUtil::FromString(text, &time)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", flag, " is not an RFC 3339 time like 2030-01-01T00:00:00Z"));
  }
  return time;
}

namespace {

// absl::ParseDuration knows no days, the natural unit of a grace period:
// a leading whole number of them ("30d", "1d12h") is read here.
bool ParseDurationWithDays(absl::string_view text, absl::Duration* duration) {
  absl::Duration days = absl::ZeroDuration();
  if (const size_t d = text.find('d'); d != absl::string_view::npos) {
    int64_t count = 0;
    if (!absl::SimpleAtoi(text.substr(0, d), &count) || count < 0) {
      return false;
    }
    days = absl::Hours(24) * count;
    text.remove_prefix(d + 1);
    if (text.empty()) {
      *duration = days;
      return true;
    }
  }
  if (!absl::ParseDuration(text, duration)) return false;
  *duration += days;
  return true;
}

}  // namespace

absl::StatusOr<google::protobuf::Duration> ParseDuration(
    absl::string_view flag, const std::string& text) {
  absl::Duration duration;
  if (!ParseDurationWithDays(text, &duration) ||
      duration == absl::InfiniteDuration() ||
      duration == -absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, " is not a duration like 30d, 3600s or 90m"));
  }
  google::protobuf::Duration result;
  const int64_t seconds =
      absl::IDivDuration(duration, absl::Seconds(1), &duration);
  result.set_seconds(seconds);
  result.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(duration)));
  return result;
}

absl::StatusOr<int32_t> ParseInt32(absl::string_view flag,
                                   const std::string& text) {
  int32_t number = 0;
  if (!absl::SimpleAtoi(text, &number)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, " is not a 32-bit integer"));
  }
  return number;
}

std::vector<std::string> ParseList(const std::string& text) {
  return absl::StrSplit(text, ',', absl::SkipEmpty());
}

}  // namespace identity::cli
