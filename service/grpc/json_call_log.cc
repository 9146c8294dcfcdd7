#include "service/grpc/json_call_log.h"

#include <limits.h>

#include <cstdint>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/utf8_prefix.h"
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

// Appends `time` as "2026-11-29T14:25:03.120Z". Formatting the date and time
// of day costs more than the rest of a line, and a thread's consecutive
// calls mostly end within the same second: each thread keeps its last.
void AppendUtcMillis(std::string* out, absl::Time time) {
  thread_local int64_t formatted_second = std::numeric_limits<int64_t>::min();
  thread_local std::string formatted;
  const int64_t millis = absl::ToUnixMillis(time);
  const int64_t second =
      millis / 1000 - (millis % 1000 < 0 ? 1 : 0);  // rounded down
  if (second != formatted_second) {
    formatted =
        absl::FormatTime("%Y-%m-%dT%H:%M:%S", absl::FromUnixSeconds(second),
                         absl::UTCTimeZone());
    formatted_second = second;
  }
  absl::StrAppend(out, formatted, ".",
                  absl::Dec(millis - second * 1000, absl::kZeroPad3), "Z");
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
      return LogLevel::kError;
    default:
      return LogLevel::kWarning;
  }
}

std::string JsonCallLog::LineOf(const FinishedCall& call) {
  std::string line;
  line.reserve(256);
  line += "{\"time\":\"";
  AppendUtcMillis(&line, call.start);
  absl::StrAppend(&line, "\",\"level\":\"", LevelName(LogLevelOf(call.code)),
                  "\",\"method\":");
  AppendJsonString(&line, Utf8Prefix(call.method, kMaxLoggedMethodLength));
  absl::StrAppend(&line, ",\"code\":\"", StatusCodeName(call.code), "\"");
  if (call.code != grpc::StatusCode::OK) {
    line += ",\"reason\":";
    AppendJsonString(&line, call.reason);
    line += ",\"message\":";
    AppendJsonString(&line, Utf8Prefix(call.message, kMaxLoggedMessageLength));
  }
  absl::StrAppend(
      &line, ",\"latency_ms\":",
      absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(call.latency)),
      ",\"peer\":");
  AppendJsonString(&line, call.peer);
  if (!call.claimed_address.empty()) {
    line += ",\"claimed_address\":";
    AppendJsonString(&line, call.claimed_address);
  }
  line += ",\"request_id\":";
  AppendJsonString(&line, call.request_id);
  if (!call.actor_id.empty()) {
    line += ",\"actor\":";
    AppendJsonString(&line, call.actor_id);
  }
  if (!call.impersonated_user_id.empty()) {
    line += ",\"impersonated_user\":";
    AppendJsonString(&line, call.impersonated_user_id);
  }
  line += '}';
  return line;
}

JsonCallLog::JsonCallLog(std::ostream* out, LogLevel min_level,
                         absl::Duration flush_interval)
    : out_(out),
      min_level_(min_level),
      flusher_(flush_interval, [this](absl::Time /*deadline*/) {
        Flush();
        return absl::OkStatus();
      }) {}

void JsonCallLog::OnCallFinished(const FinishedCall& call) {
  if (LogLevelOf(call.code) < min_level_) return;
  std::string line = LineOf(call);
  line += '\n';
  absl::MutexLock lock(&mu_);
  if (pending_.size() + line.size() > kMaxPendingBytes) {
    ++dropped_lines_;
    return;
  }
  pending_ += line;
}

void JsonCallLog::Flush() {
  absl::MutexLock writing(&write_mu_);
  std::string lines;
  size_t dropped_lines = 0;
  {
    absl::MutexLock lock(&mu_);
    lines.swap(pending_);
    std::swap(dropped_lines, dropped_lines_);
  }
  Write(lines);
  if (dropped_lines > 0) {
    std::string line = "{\"time\":\"";
    AppendUtcMillis(&line, absl::Now());
    absl::StrAppend(
        &line, "\",\"level\":\"error\",\"message\":\"call log: ", dropped_lines,
        " lines dropped, the output was too slow\"}\n");
    Write(line);
  }
}

void JsonCallLog::Write(absl::string_view lines) {
  // On a pipe, which is how containers' logs are read, a write of at most
  // PIPE_BUF bytes is never interleaved with other writes to it: write whole
  // lines in pieces of at most that size. A longer line goes alone.
  size_t begin = 0;
  while (begin < lines.size()) {
    size_t end = lines.size();
    if (end - begin > PIPE_BUF) {
      end = lines.rfind('\n', begin + PIPE_BUF - 1) + 1;
      if (end <= begin) end = lines.find('\n', begin) + 1;
      if (end == 0) end = lines.size();
    }
    out_->write(lines.data() + begin,
                static_cast<std::streamsize>(end - begin));
    begin = end;
  }
  out_->flush();
}

}  // namespace identity
