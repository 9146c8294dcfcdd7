// A closed-loop load driver: keeps a fixed number of asynchronous calls
// outstanding, issuing the next one as each completes, and counts outcomes.
// The load generator and the benchmark tools share it.
//
//   ClosedLoopResult result = RunClosedLoop(
//       {.in_flight = 64, .duration = absl::Seconds(5)},
//       [&](int64_t sequence, CallDone done) { StartCall(sequence, done); });
//   std::cout << result.CallsPerSecond();
#ifndef IDENTITY_BENCH_CLOSED_LOOP_H_
#define IDENTITY_BENCH_CLOSED_LOOP_H_

#include <grpcpp/support/status.h>

#include <cstdint>
#include <functional>
#include <string>

#include "absl/time/time.h"

namespace identity::bench {

// Reports one call's outcome; must be called exactly once per call.
using CallDone = std::function<void(const grpc::Status&)>;

// Starts call number `sequence` (0, 1, 2, ...) and arranges for `done`.
using StartCall = std::function<void(int64_t sequence, CallDone done)>;

struct ClosedLoopOptions {
  int in_flight = 64;
  // No call starts after this much time...
  absl::Duration duration = absl::Seconds(5);
  // ...nor once this many have started (negative: no limit).
  int64_t max_calls = -1;
};

struct ClosedLoopResult {
  int64_t succeeded = 0;
  int64_t failed = 0;
  absl::Duration elapsed;
  // The first failure's code and message, for the operator to read.
  std::string first_error;

  double CallsPerSecond() const;
};

// Runs the loop until every started call has finished.
ClosedLoopResult RunClosedLoop(const ClosedLoopOptions& options,
                               const StartCall& start_call);

}  // namespace identity::bench

#endif  // IDENTITY_BENCH_CLOSED_LOOP_H_
