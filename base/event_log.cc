#include "base/event_log.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace identity {
namespace {

absl::string_view LevelName(EventLevel level) {
  switch (level) {
    case EventLevel::kInfo:
      return "info";
    case EventLevel::kWarning:
      return "warning";
    case EventLevel::kError:
      return "error";
  }
  return "error";
}

}  // namespace

void AppendJsonString(std::string* out, absl::string_view text) {
  *out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          absl::StrAppend(out, "\\u00", absl::Hex(c, absl::kZeroPad2));
        } else {
          *out += static_cast<char>(c);
        }
    }
  }
  *out += '"';
}

std::string JsonString(absl::string_view text) {
  std::string out;
  AppendJsonString(&out, text);
  return out;
}

std::string EventLine(EventLevel level, absl::string_view message,
                      absl::Time time) {
  std::string line = "{\"time\":";
  AppendJsonString(&line, absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time,
                                           absl::UTCTimeZone()));
  absl::StrAppend(&line, ",\"level\":\"", LevelName(level), "\",\"message\":");
  AppendJsonString(&line, message);
  line += "}\n";
  return line;
}

void LogEvent(EventLevel level, absl::string_view message) {
  std::cerr << EventLine(level, message, absl::Now()) << std::flush;
}

}  // namespace identity
