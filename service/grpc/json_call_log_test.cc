#include "service/grpc/json_call_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <limits.h>

#include <algorithm>
#include <atomic>
#include <sstream>
#include <streambuf>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "base/status_matchers.h"

namespace identity {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

FinishedCall ImpersonatedCall() {
  FinishedCall call;
  call.method = "/identity.v1.UserService/GetUserInfo";
  call.code = grpc::StatusCode::OK;
  call.start = absl::FromUnixMillis(1'700'000'000'123);
  call.latency = absl::Microseconds(1500);
  call.peer = "ipv4:127.0.0.1:5555";
  call.actor_id = "olga@globex.com";
  call.impersonated_user_id = "hank@globex.com";
  call.request_id = "req-1";
  return call;
}

TEST(JsonCallLogTest, LineHoldsEveryField) {
  EXPECT_EQ(JsonCallLog::LineOf(ImpersonatedCall()),
            R"({"time":"2023-11-14T22:13:20.123Z","level":"info",)"
            R"("method":"/identity.v1.UserService/GetUserInfo","code":"OK",)"
            R"("latency_ms":1.500,"peer":"ipv4:127.0.0.1:5555",)"
            R"("request_id":"req-1","actor":"olga@globex.com",)"
            R"("impersonated_user":"hank@globex.com"})");
}

// Before, a made-up method's name was logged whole: up to gRPC's limit on
// headers per call, so that a flood of them filled the pending lines and
// other calls' were dropped.
TEST(JsonCallLogTest, AMethodNameIsCutToItsBound) {
  FinishedCall call = ImpersonatedCall();
  call.method = "/identity.v1.OrgService/" + std::string(8000, 'x');

  const std::string line = JsonCallLog::LineOf(call);

  EXPECT_LT(line.size(), 512u);
  EXPECT_THAT(
      line,
      HasSubstr(absl::StrCat(
          "\"method\":\"/identity.v1.OrgService/",
          std::string(JsonCallLog::kMaxLoggedMethodLength - 24, 'x'), "\",")));
}

// A failed call's line says why, so that an operator need not reproduce
// it: the code, the reason and the message, cut to its bound.
TEST(JsonCallLogTest, AFailedCallsLineHoldsItsReasonAndMessage) {
  FinishedCall call = ImpersonatedCall();
  call.code = grpc::StatusCode::PERMISSION_DENIED;
  call.reason = "IMPERSONATION_REFUSED";
  call.message = "caller may not impersonate user hank@globex.com";

  EXPECT_EQ(JsonCallLog::LineOf(call),
            R"({"time":"2023-11-14T22:13:20.123Z","level":"warning",)"
            R"("method":"/identity.v1.UserService/GetUserInfo",)"
            R"("code":"PERMISSION_DENIED","reason":"IMPERSONATION_REFUSED",)"
            R"("message":"caller may not impersonate user hank@globex.com",)"
            R"("latency_ms":1.500,"peer":"ipv4:127.0.0.1:5555",)"
            R"("request_id":"req-1","actor":"olga@globex.com",)"
            R"("impersonated_user":"hank@globex.com"})");

  call.message = std::string(5000, 'm');
  EXPECT_THAT(
      JsonCallLog::LineOf(call),
      HasSubstr(absl::StrCat(
          "\"message\":\"",
          std::string(JsonCallLog::kMaxLoggedMessageLength, 'm'), "\",")));
}

TEST(JsonCallLogTest, LevelFollowsTheCode) {
  EXPECT_EQ(LogLevelOf(grpc::StatusCode::OK), LogLevel::kInfo);
  EXPECT_EQ(LogLevelOf(grpc::StatusCode::UNAUTHENTICATED), LogLevel::kWarning);
  EXPECT_EQ(LogLevelOf(grpc::StatusCode::NOT_FOUND), LogLevel::kWarning);
  // A method the server does not serve is the client's mistake.
  EXPECT_EQ(LogLevelOf(grpc::StatusCode::UNIMPLEMENTED), LogLevel::kWarning);
  EXPECT_EQ(LogLevelOf(grpc::StatusCode::UNAVAILABLE), LogLevel::kError);
  EXPECT_EQ(LogLevelOf(grpc::StatusCode::INTERNAL), LogLevel::kError);
}

TEST(JsonCallLogTest, WritesOnlyFromTheMinimumLevel) {
  std::ostringstream out;
  JsonCallLog log(&out, LogLevel::kWarning);
  log.OnCallFinished(ImpersonatedCall());
  EXPECT_THAT(out.str(), IsEmpty());

  FinishedCall failed = ImpersonatedCall();
  failed.code = grpc::StatusCode::UNAUTHENTICATED;
  log.OnCallFinished(failed);
  log.Flush();
  EXPECT_THAT(out.str(), HasSubstr(R"("code":"UNAUTHENTICATED")"));
  EXPECT_EQ(out.str().back(), '\n');
}

// Records each write it is handed, and can hold writers until released.
class RecordingOutput : public std::streambuf {
 public:
  std::vector<std::string> writes() {
    absl::MutexLock lock(&mu_);
    return writes_;
  }
  void Stall() { stalled_ = true; }
  // Returns once a write is being held.
  void AwaitHeldWrite() { held_.WaitForNotification(); }
  void Release() { released_.Notify(); }

 protected:
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    if (stalled_ && !released_.HasBeenNotified()) {
      if (!held_.HasBeenNotified()) held_.Notify();
      released_.WaitForNotification();
    }
    absl::MutexLock lock(&mu_);
    writes_.emplace_back(data, static_cast<size_t>(size));
    return size;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> writes_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> stalled_ = false;
  absl::Notification held_;
  absl::Notification released_;
};

TEST(JsonCallLogTest, WritesWithoutBeingAskedWithinTheFlushInterval) {
  RecordingOutput recording;
  std::ostream out(&recording);
  JsonCallLog log(&out, LogLevel::kInfo, absl::Milliseconds(10));
  log.OnCallFinished(ImpersonatedCall());
  // Nobody but the log's own thread writes: the test only watches.
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  std::vector<std::string> writes;
  while (writes.empty() && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(5));
    writes = recording.writes();
  }
  EXPECT_THAT(writes, ::testing::ElementsAre(
                          JsonCallLog::LineOf(ImpersonatedCall()) + "\n"));
}

TEST(JsonCallLogTest, DestructionWritesWhatIsPending) {
  std::ostringstream out;
  {
    JsonCallLog log(&out, LogLevel::kInfo, absl::Hours(1));
    log.OnCallFinished(ImpersonatedCall());
    log.OnCallFinished(ImpersonatedCall());
  }
  const std::string line = JsonCallLog::LineOf(ImpersonatedCall()) + "\n";
  EXPECT_EQ(out.str(), line + line);
}

TEST(JsonCallLogTest, WritesWholeLinesInPiecesAPipeKeepsWhole) {
  RecordingOutput recording;
  std::ostream out(&recording);
  JsonCallLog log(&out, LogLevel::kInfo, absl::Hours(1));
  FinishedCall call = ImpersonatedCall();
  for (int i = 0; i < 100; ++i) {
    call.request_id = "req-" + std::to_string(i);
    log.OnCallFinished(call);
  }
  // One line longer than a pipe's atomic write goes alone.
  call.actor_id = std::string(PIPE_BUF, 'a');
  log.OnCallFinished(call);
  log.Flush();

  std::string joined;
  for (const std::string& piece : recording.writes()) {
    ASSERT_FALSE(piece.empty());
    EXPECT_EQ(piece.back(), '\n');
    if (piece.size() > PIPE_BUF) {
      EXPECT_EQ(std::count(piece.begin(), piece.end(), '\n'), 1);
    }
    joined += piece;
  }
  EXPECT_EQ(std::count(joined.begin(), joined.end(), '\n'), 101);
  // About 17 lines fit a piece: 100 lines and the long one take 7 writes.
  EXPECT_GT(recording.writes().size(), 2u);
  EXPECT_LE(recording.writes().size(), 10u);
  EXPECT_THAT(joined, HasSubstr("\"request_id\":\"req-99\""));
}

TEST(JsonCallLogTest, DropsAndCountsLinesWhileTheOutputIsStalled) {
  RecordingOutput recording;
  std::ostream out(&recording);
  JsonCallLog log(&out, LogLevel::kInfo, absl::Hours(1));
  recording.Stall();
  log.OnCallFinished(ImpersonatedCall());
  std::thread flushing([&log] { log.Flush(); });
  recording.AwaitHeldWrite();

  // While the write is held, calls fill memory up to the bound, then drop.
  const size_t line_size = JsonCallLog::LineOf(ImpersonatedCall()).size() + 1;
  const size_t fitting = JsonCallLog::kMaxPendingBytes / line_size;
  for (size_t i = 0; i < fitting + 10; ++i) {
    log.OnCallFinished(ImpersonatedCall());
  }
  recording.Release();
  flushing.join();
  log.Flush();

  std::string joined;
  for (const std::string& piece : recording.writes()) joined += piece;
  EXPECT_EQ(std::count(joined.begin(), joined.end(), '\n'),
            static_cast<long>(1 + fitting + 1));
  EXPECT_THAT(joined, HasSubstr("call log: 10 lines dropped"));
}

TEST(JsonCallLogTest, CallsOnManyThreadsWhileItWritesLoseNoLine) {
  RecordingOutput recording;
  std::ostream out(&recording);
  constexpr int kThreads = 4;
  constexpr int kLinesEach = 2000;
  {
    JsonCallLog log(&out, LogLevel::kInfo, absl::Milliseconds(1));
    std::vector<std::thread> callers;
    for (int t = 0; t < kThreads; ++t) {
      callers.emplace_back([&log, t] {
        FinishedCall call = ImpersonatedCall();
        for (int i = 0; i < kLinesEach; ++i) {
          call.request_id = absl::StrCat(t, "-", i);
          log.OnCallFinished(call);
          if (i % 500 == 0) log.Flush();
        }
      });
    }
    for (std::thread& caller : callers) caller.join();
  }
  std::string joined;
  for (const std::string& piece : recording.writes()) joined += piece;
  EXPECT_EQ(std::count(joined.begin(), joined.end(), '\n'),
            kThreads * kLinesEach);
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_THAT(joined, HasSubstr(absl::StrCat("\"request_id\":\"", t, "-",
                                               kLinesEach - 1, "\"")));
  }
}

TEST(JsonCallLogTest, EscapesWhatCouldBreakTheLine) {
  FinishedCall call = ImpersonatedCall();
  call.peer = "evil\n{\"level\":\"error\"}";
  EXPECT_THAT(JsonCallLog::LineOf(call), Not(HasSubstr("\n")));
}

TEST(JsonCallLogTest, ParsesLevelsAndNamesTheFieldOtherwise) {
  EXPECT_THAT(ParseLogLevel("warning", "--log_level"),
              IsOkAndHolds(LogLevel::kWarning));
  absl::StatusOr<LogLevel> bad = ParseLogLevel("loud", "--log_level");
  EXPECT_THAT(bad.status(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("--log_level"));
}

}  // namespace
}  // namespace identity
