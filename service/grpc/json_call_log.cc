#include "service/grpc/json_call_log.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "service/grpc/status_code_name.h"

namespace identity {
namespace {

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
    case LogLevel::kOff:
      return "off";
  }
  return "error";
}

}  // namespace

absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view text,
                                       absl::string_view field) {
  for (LogLevel level : {LogLevel::kInfo, LogLevel::kWarning, LogLevel::kError,
                         LogLevel::kOff}) {
    if (text == LevelName(level)) return level;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": must be info, warning, error or off, not \"", text, "\""));
}

LogLevel LogLevelOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return LogLevel::kInfo;
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::UNIMPLEMENTED:
      return LogLevel::kError;
    default:
      return LogLevel::kWarning;
  }
}

std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

std::string JsonCallLog::LineOf(const FinishedCall& call) {
  std::string line = absl::StrCat(
      "{\"time\":",
      JsonString(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", call.start,
                                  absl::UTCTimeZone())),
      ",\"level\":\"", LevelName(LogLevelOf(call.code)),
      "\",\"method\":", JsonString(call.method), ",\"code\":\"",
      StatusCodeName(call.code), "\",\"latency_ms\":",
      absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(call.latency)),
      ",\"peer\":", JsonString(call.peer),
      ",\"request_id\":", JsonString(call.request_id));
  if (!call.actor_id.empty()) {
    absl::StrAppend(&line, ",\"actor\":", JsonString(call.actor_id));
  }
  if (!call.impersonated_user_id.empty()) {
    absl::StrAppend(&line, ",\"impersonated_user\":",
                    JsonString(call.impersonated_user_id));
  }
  line += '}';
  return line;
}

void JsonCallLog::OnCallFinished(const FinishedCall& call) {
  if (LogLevelOf(call.code) < min_level_) return;
  std::string line = LineOf(call);
  line += '\n';
  absl::MutexLock lock(&mu_);
  out_->write(line.data(), static_cast<std::streamsize>(line.size()));
  out_->flush();
}

}  // namespace identity
