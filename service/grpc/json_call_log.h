// The call log: one JSON object per line for every identity.v1 call and
// Envoy Check (call_observer.h), with time, level, method, code, for a
// failed call its reason and message, latency_ms, peer, a Check's claimed
// address, actor, impersonated user and request id. Never a key or any
// other request content: only what FinishedCall holds.
//
// A call only appends its line to memory; a thread of the log's own writes
// the lines every flush interval (and all of them when the log is
// destroyed), so that no call waits on the output, nor on other calls'
// writes to it. A process killed outright loses at most that interval's
// lines.
//
//   JsonCallLog log(&std::cerr, LogLevel::kInfo);
//   // {"time":"2026-11-29T14:25:03.120Z","level":"info",
//   //  "method":"/identity.v1.UserService/GetUserInfo","code":"OK",...}
#ifndef IDENTITY_SERVICE_GRPC_JSON_CALL_LOG_H_
#define IDENTITY_SERVICE_GRPC_JSON_CALL_LOG_H_

#include <ostream>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/event_log.h"
#include "service/auth/background_flusher.h"
#include "service/grpc/call_observer.h"

namespace identity {

// By whose fault a call failed: successful calls are info, the caller's
// mistakes (a bad key, a missing resource, a method not served) and lost
// races warning, the server's failures (the database, a bug) error.
enum class LogLevel { kInfo = 0, kWarning = 1, kError = 2, kOff = 3 };

// "info", "warning", "error" or "off"; INVALID_ARGUMENT naming `field` for
// anything else.
absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view text,
                                       absl::string_view field);

// The level a call that ended with `code` is logged at.
LogLevel LogLevelOf(grpc::StatusCode code);

class JsonCallLog : public CallObserver {
 public:
  static constexpr absl::Duration kDefaultFlushInterval =
      absl::Milliseconds(50);
  // Past this many bytes waiting to be written (the output is stalled),
  // lines are dropped and counted, rather than memory grown without bound;
  // the count is logged once the output moves again.
  static constexpr size_t kMaxPendingBytes = 8 << 20;
  // A method name is logged cut to this many characters: a served one is
  // far shorter, and a made-up one is the caller's to choose, up to gRPC's
  // limit on headers, and must not crowd out other calls' lines.
  static constexpr size_t kMaxLoggedMethodLength = 256;
  // A failed call's message is cut to this many characters: it may quote
  // client input (up to 128 bytes, base/quoted_input.h) within a sentence.
  static constexpr size_t kMaxLoggedMessageLength = 512;

  // Writes the calls at `min_level` and above to `out`, which must outlive
  // the log and be written by nothing else but whole lines.
  JsonCallLog(std::ostream* out, LogLevel min_level,
              absl::Duration flush_interval = kDefaultFlushInterval);

  // The line for `call`, without the newline.
  static std::string LineOf(const FinishedCall& call);

  // Writes every line logged so far, now.
  void Flush();

  // CallObserver:
  void OnCallFinished(const FinishedCall& call) override;

 private:
  void Write(absl::string_view lines) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);

  std::ostream* const out_;
  const LogLevel min_level_;
  absl::Mutex mu_;
  std::string pending_ ABSL_GUARDED_BY(mu_);
  size_t dropped_lines_ ABSL_GUARDED_BY(mu_) = 0;
  // Held while writing, so that flushes write in the order they took their
  // lines.
  absl::Mutex write_mu_ ABSL_ACQUIRED_BEFORE(mu_);
  // Last: stopped, with a final flush, before the rest is destroyed.
  BackgroundFlusher flusher_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_JSON_CALL_LOG_H_
