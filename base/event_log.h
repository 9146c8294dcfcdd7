// The process's own events (a start, a stop, a database error the caller
// was not shown), written to stderr as JSON lines of the same shape as the
// call log's, so that every line of that stream parses as JSON.
//
//   LogEvent(EventLevel::kError, "identity storage: commit outcome unknown");
//   // {"time":"2026-12-08T00:41:03.120Z","level":"error","message":"..."}
//   std::string json = JsonString("a \"quoted\" word");
#ifndef IDENTITY_BASE_EVENT_LOG_H_
#define IDENTITY_BASE_EVENT_LOG_H_

#include <ostream>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace identity {

enum class EventLevel { kInfo, kWarning, kError };

// `text` as a JSON string literal, quotes included; AppendJsonString appends
// it to `out`.
std::string JsonString(absl::string_view text);
void AppendJsonString(std::string* out, absl::string_view text);

// The line LogEvent writes, newline included.
std::string EventLine(EventLevel level, absl::string_view message,
                      absl::Time time);

// Writes one event line to stderr, whole, in one write: other threads'
// lines never interleave with it.
void LogEvent(EventLevel level, absl::string_view message);

}  // namespace identity

#endif  // IDENTITY_BASE_EVENT_LOG_H_
