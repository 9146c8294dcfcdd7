// Prints the figures, measured in one run on this machine:
// authenticated GetUserInfo against an empty callback-API call (the target is
// >= 0.8x), Envoy's ext_authz Check with the same key, CreateUser calls per
// second, and a ListUsers page at two sizes.
// A benchmark, not a test: it prints and never fails on speed.
//
//   build/tests/benchmark/hot_path_benchmark [--seconds=5] [--users=20000]
#include <grpcpp/create_channel.h>
#include <grpcpp/server_builder.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <iostream>
#include <mutex>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "envoy/service/auth/v3/external_auth.grpc.pb.h"
#include "identity/v1/user_service.grpc.pb.h"
#include "tests/e2e/server_under_test.h"

ABSL_FLAG(int, seconds, 5, "how long each throughput run lasts");
ABSL_FLAG(int, in_flight, 64, "calls kept in flight by the closed loop");
ABSL_FLAG(int, users, 20000, "users in the org for the large ListUsers page");

namespace identity::testing {
namespace {

// The baseline: a callback-API server that answers GetUserInfo at once,
// with no interceptor and no work.
class EchoUserService : public v1::UserService::CallbackService {
  grpc::ServerUnaryReactor* GetUserInfo(grpc::CallbackServerContext* context,
                                        const v1::GetUserInfoRequest*,
                                        v1::GetUserInfoResponse*) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

// Starts one asynchronous call and reports, when it completes, whether it
// got the answer wanted.
using StartCall = std::function<void(std::function<void(bool ok)> done)>;

// Keeps `in_flight` calls of `start` outstanding for `duration` and returns
// completed calls per second. Counts only wanted answers.
double ClosedLoopCallsPerSecond(int in_flight, absl::Duration duration,
                                const StartCall& start_call) {
  std::atomic<int64_t> completed{0};
  std::atomic<int64_t> failed{0};
  std::mutex mu;
  std::condition_variable idle;
  int outstanding = 0;
  const absl::Time end = absl::Now() + duration;

  std::function<void()> issue = [&] {
    start_call([&](bool ok) {
      (ok ? completed : failed)++;
      if (absl::Now() < end) {
        issue();
        return;
      }
      std::lock_guard<std::mutex> lock(mu);
      if (--outstanding == 0) idle.notify_all();
    });
  };
  const absl::Time start = absl::Now();
  {
    std::lock_guard<std::mutex> lock(mu);
    outstanding = in_flight;
  }
  for (int i = 0; i < in_flight; ++i) issue();
  std::unique_lock<std::mutex> lock(mu);
  idle.wait(lock, [&] { return outstanding == 0; });
  if (failed > 0) std::cerr << failed << " calls failed\n";
  return completed / absl::ToDoubleSeconds(absl::Now() - start);
}

// GetUserInfo with `key` (none when empty); wanted: OK.
StartCall GetUserInfoCall(std::shared_ptr<grpc::Channel> channel,
                          const std::string& key) {
  std::shared_ptr<v1::UserService::Stub> stub =
      v1::UserService::NewStub(channel);
  return [stub, key](std::function<void(bool)> done) {
    struct Call {
      grpc::ClientContext context;
      v1::GetUserInfoRequest request;
      v1::GetUserInfoResponse response;
    };
    auto call = std::make_shared<Call>();
    if (!key.empty()) {
      call->context.AddMetadata("authorization", "Bearer " + key);
    }
    stub->async()->GetUserInfo(
        &call->context, &call->request, &call->response,
        [call, done](grpc::Status status) { done(status.ok()); });
  };
}

// Envoy's Check for an HTTP request carrying `key`; wanted: allowed.
StartCall ExtAuthzCheckCall(std::shared_ptr<grpc::Channel> channel,
                            const std::string& key) {
  std::shared_ptr<envoy::service::auth::v3::Authorization::Stub> stub =
      envoy::service::auth::v3::Authorization::NewStub(channel);
  auto request = std::make_shared<envoy::service::auth::v3::CheckRequest>();
  auto& headers = *request->mutable_attributes()
                       ->mutable_request()
                       ->mutable_http()
                       ->mutable_headers();
  headers[":path"] = "/v1/databases";
  headers["authorization"] = "Bearer " + key;
  return [stub, request](std::function<void(bool)> done) {
    struct Call {
      grpc::ClientContext context;
      envoy::service::auth::v3::CheckResponse response;
    };
    auto call = std::make_shared<Call>();
    stub->async()->Check(
        &call->context, request.get(), &call->response,
        [call, done](grpc::Status status) {
          done(status.ok() && call->response.has_ok_response());
        });
  };
}

double CreateUsersPerSecond(const ServerUnderTest& server, int callers,
                            int per_caller, const std::string& prefix) {
  std::vector<std::thread> threads;
  const absl::Time start = absl::Now();
  for (int c = 0; c < callers; ++c) {
    threads.emplace_back([&, c] {
      Client admin = server.AdminClient();
      for (int i = 0; i < per_caller; ++i) {
        v1::User user;
        user.set_id(absl::StrFormat("%s%03d-%06d", prefix, c, i));
        user.set_tenant_id("t1");
        absl::Status status = admin.CreateUser(user).status();
        if (!status.ok()) std::cerr << status << "\n";
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  return callers * per_caller / absl::ToDoubleSeconds(absl::Now() - start);
}

// Median time of a first and a middle ListUsers page of 100 in `org`.
absl::Duration ListPageLatency(const Client& admin, const std::string& org,
                               const std::string& middle_token) {
  std::vector<absl::Duration> samples;
  for (int i = 0; i < 51; ++i) {
    v1::ListUsersRequest request;
    request.set_lookup_org_id(org);
    if (i % 2 == 1) request.set_page_token(middle_token);
    const absl::Time start = absl::Now();
    if (!admin.ListUsers(request).ok()) std::cerr << "ListUsers failed\n";
    samples.push_back(absl::Now() - start);
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

std::string TokenHalfway(const Client& admin, const std::string& org,
                         int users) {
  v1::ListUsersRequest request;
  request.set_lookup_org_id(org);
  request.set_page_size(1000);
  for (int seen = 0; seen < users / 2;) {
    absl::StatusOr<v1::ListUsersResponse> page = admin.ListUsers(request);
    if (!page.ok() || page->next_page_token().empty()) break;
    seen += page->users_size();
    request.set_page_token(page->next_page_token());
  }
  return request.page_token();
}

int Run() {
  const absl::Duration duration = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  const int in_flight = absl::GetFlag(FLAGS_in_flight);

  EchoUserService echo;
  grpc::ServerBuilder builder;
  int echo_port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &echo_port);
  builder.RegisterService(&echo);
  std::unique_ptr<grpc::Server> echo_server = builder.BuildAndStart();

  ServerUnderTest server;
  const std::string key =
      server.CreateUserWithKey("o1", "t1", "caller", {"user"});
  auto channel_to = [](const std::string& address) {
    return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  };

  const double echo_rate = ClosedLoopCallsPerSecond(
      in_flight, duration,
      GetUserInfoCall(channel_to(absl::StrFormat("127.0.0.1:%d", echo_port)),
                      ""));
  const double info_rate = ClosedLoopCallsPerSecond(
      in_flight, duration, GetUserInfoCall(channel_to(server.address()), key));
  const double check_rate = ClosedLoopCallsPerSecond(
      in_flight, duration,
      ExtAuthzCheckCall(channel_to(server.address()), key));
  std::cout << absl::StrFormat(
      "empty callback call:        %9.0f calls/s\n"
      "authenticated GetUserInfo:  %9.0f calls/s  (%.2fx the empty call; "
      "target >= 0.8x)\n"
      "Envoy ext_authz Check:      %9.0f calls/s  (%.2fx the empty call)\n",
      echo_rate, info_rate, info_rate / echo_rate, check_rate,
      check_rate / echo_rate);

  const double create_rate = CreateUsersPerSecond(server, 16, 200, "c");
  std::cout << absl::StrFormat(
      "CreateUser, 16 callers:     %9.0f calls/s  (target >= 0.5x a "
      "single-row INSERT, ~7,600/s on this machine)\n",
      create_rate);

  Client admin = server.AdminClient();
  const absl::Duration small =
      ListPageLatency(admin, "o1", TokenHalfway(admin, "o1", 3200));
  const int users = absl::GetFlag(FLAGS_users);
  CreateUsersPerSecond(server, 16, users / 16, "bulk");
  const absl::Duration large =
      ListPageLatency(admin, "o1", TokenHalfway(admin, "o1", users));
  std::cout << absl::StrFormat(
      "ListUsers page of 100:      %s at ~3k users, %s at ~%dk users\n",
      absl::FormatDuration(small), absl::FormatDuration(large),
      (users + 3200) / 1000);
  return 0;
}

}  // namespace
}  // namespace identity::testing

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return identity::testing::Run();
}
