// Prints what a flood of unknown keys does to everyone else: authenticated,
// cached GetUserInfo calls per second alone, then while a
// second client floods the server with well-formed unknown keys, each a
// closed loop of 64 calls in flight, and the ratio (target >= 0.45, the fair
// share of a CPU-bound server). A benchmark, not a test: it prints and never
// fails on speed.
//
//   build/tests/benchmark/auth_flood_benchmark [--seconds=5] [--in_flight=64]
#include <grpcpp/create_channel.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "identity/v1/user_service.grpc.pb.h"
#include "service/auth/access_key_secret.h"
#include "tests/e2e/server_under_test.h"

ABSL_FLAG(int, seconds, 5, "how long each throughput run lasts");
ABSL_FLAG(int, in_flight, 64, "calls each closed loop keeps outstanding");

namespace identity::testing {
namespace {

// What a closed loop saw: calls completed per status code.
struct LoopResult {
  std::map<grpc::StatusCode, int64_t> by_code;
  absl::Duration elapsed;

  double PerSecond(grpc::StatusCode code) const {
    auto it = by_code.find(code);
    const int64_t count = it == by_code.end() ? 0 : it->second;
    return count / absl::ToDoubleSeconds(elapsed);
  }
  double TotalPerSecond() const {
    int64_t count = 0;
    for (const auto& [code, n] : by_code) count += n;
    return count / absl::ToDoubleSeconds(elapsed);
  }
};

// Keeps `in_flight` GetUserInfo calls outstanding on `channel` for
// `duration`, each with the key `key_of_call()` returns.
LoopResult ClosedLoop(std::shared_ptr<grpc::Channel> channel,
                      std::function<std::string()> key_of_call, int in_flight,
                      absl::Duration duration) {
  auto stub = v1::UserService::NewStub(channel);
  std::mutex mu;
  std::condition_variable idle;
  int outstanding = in_flight;
  LoopResult result;
  const absl::Time start = absl::Now();
  const absl::Time end = start + duration;

  struct Call {
    grpc::ClientContext context;
    v1::GetUserInfoRequest request;
    v1::GetUserInfoResponse response;
  };
  std::function<void()> issue = [&] {
    auto call = std::make_shared<Call>();
    std::string key;
    {
      std::lock_guard<std::mutex> lock(mu);
      key = key_of_call();
    }
    call->context.AddMetadata("authorization", "Bearer " + key);
    stub->async()->GetUserInfo(&call->context, &call->request, &call->response,
                               [&, call](grpc::Status status) {
                                 bool again;
                                 {
                                   std::lock_guard<std::mutex> lock(mu);
                                   ++result.by_code[status.error_code()];
                                   again = absl::Now() < end;
                                   if (!again && --outstanding == 0)
                                     idle.notify_all();
                                 }
                                 if (again) issue();
                               });
  };
  for (int i = 0; i < in_flight; ++i) issue();
  std::unique_lock<std::mutex> lock(mu);
  idle.wait(lock, [&] { return outstanding == 0; });
  result.elapsed = absl::Now() - start;
  return result;
}

int Run() {
  const absl::Duration duration = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  const int in_flight = absl::GetFlag(FLAGS_in_flight);

  ServerUnderTest server;
  const std::string key =
      server.CreateUserWithKey("o1", "t1", "caller", {"user"});
  auto same_key = [&key] { return key; };
  auto unknown_key = [] { return AccessKeySecret::Generate().value(); };

  // Warm the cache, then measure the caller alone.
  ClosedLoop(server.NewChannel(), same_key, 1, absl::Milliseconds(100));
  const LoopResult alone =
      ClosedLoop(server.NewChannel(), same_key, in_flight, duration);

  LoopResult flood;
  std::thread flooder([&] {
    flood = ClosedLoop(server.NewChannel(), unknown_key, in_flight,
                       duration + absl::Milliseconds(500));
  });
  absl::SleepFor(absl::Milliseconds(250));  // let the flood get going
  const LoopResult flooded =
      ClosedLoop(server.NewChannel(), same_key, in_flight, duration);
  flooder.join();

  const double alone_rate = alone.PerSecond(grpc::StatusCode::OK);
  const double flooded_rate = flooded.PerSecond(grpc::StatusCode::OK);
  std::cout << absl::StrFormat(
      "cached GetUserInfo alone:          %9.0f calls/s\n"
      "cached GetUserInfo while flooded:  %9.0f calls/s\n"
      "flooded / alone:                   %9.2f (target >= 0.45)\n"
      "the flood (unknown keys):          %9.0f calls/s answered: %.0f/s "
      "UNAUTHENTICATED, %.0f/s RESOURCE_EXHAUSTED\n",
      alone_rate, flooded_rate, flooded_rate / alone_rate,
      flood.TotalPerSecond(),
      flood.PerSecond(grpc::StatusCode::UNAUTHENTICATED),
      flood.PerSecond(grpc::StatusCode::RESOURCE_EXHAUSTED));
  if (alone.TotalPerSecond() != alone_rate ||
      flooded.TotalPerSecond() != flooded_rate) {
    std::cerr << "the authenticated caller saw errors\n";
  }
  return 0;
}

}  // namespace
}  // namespace identity::testing

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return identity::testing::Run();
}
