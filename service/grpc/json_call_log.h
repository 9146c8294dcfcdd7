// The call log: one JSON object per line for every identity.v1 call, with
// time, level, method, code, latency_ms, peer, actor, impersonated user and
// request id. Never a key or any other request content: only what
// FinishedCall holds.
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
#include "service/grpc/call_observer.h"

namespace identity {

// Successful calls are info, the caller's mistakes (a bad key, a missing
// resource) warning, the server's failures (the database, a bug) error.
enum class LogLevel { kInfo = 0, kWarning = 1, kError = 2, kOff = 3 };

// "info", "warning", "error" or "off"; INVALID_ARGUMENT naming `field` for
// anything else.
absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view text,
                                       absl::string_view field);

// The level a call that ended with `code` is logged at.
LogLevel LogLevelOf(grpc::StatusCode code);

// `text` as a JSON string literal, quotes included.
std::string JsonString(absl::string_view text);

class JsonCallLog : public CallObserver {
 public:
  // Writes the calls at `min_level` and above to `out`, which must outlive
  // the log; lines are never interleaved.
  JsonCallLog(std::ostream* out, LogLevel min_level)
      : out_(out), min_level_(min_level) {}

  // The line for `call`, without the newline.
  static std::string LineOf(const FinishedCall& call);

  // CallObserver:
  void OnCallFinished(const FinishedCall& call) override;

 private:
  std::ostream* const out_;
  const LogLevel min_level_;
  absl::Mutex mu_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_JSON_CALL_LOG_H_
