// The benchmark's client: drives one identityd (or the echo server) with a
// closed loop of callback-API calls and prints one "name value" line per
// figure, for bench/run.sh to read. The caller's key comes from the
// environment (IDENTITY_ACCESS_KEY), never from the command line.
//
//   load_generator --mode=get_user_info --target=127.0.0.1:50051 --seconds=5
//   load_generator --mode=envoy_check --target=127.0.0.1:50051
//   load_generator --mode=create_user --in_flight=16 --tenants=100
//   load_generator --mode=list_users --org=bench-org-7
//   load_generator --mode=capture --out=response.bin
//   load_generator --mode=revocation --replica=127.0.0.1:50052 --trials=100
//   load_generator --mode=wait_ready --since_unix_nanos=$(date +%s%N)
//   load_generator --mode=authenticate_keys --keys=200000
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "base/call_metadata.h"
#include "bench/bench_keys.h"
#include "bench/closed_loop.h"
#include "envoy/service/auth/v3/external_auth.grpc.pb.h"
#include "identity/v1/access_key_service.grpc.pb.h"
#include "identity/v1/user_service.grpc.pb.h"

ABSL_FLAG(std::string, mode, "get_user_info",
          "get_user_info | envoy_check | create_user | list_users | capture | "
          "revocation | wait_ready | authenticate_keys");
ABSL_FLAG(std::string, target, "127.0.0.1:50051", "server to call");
ABSL_FLAG(std::string, replica, "",
          "revocation: the second replica, polled until it refuses the key");
ABSL_FLAG(int, in_flight, 64, "calls kept outstanding");
ABSL_FLAG(double, seconds, 5, "how long a throughput run lasts");
ABSL_FLAG(std::string, tenant_prefix, "bench-tenant-",
          "create_user: new users join tenants <prefix>0 .. <prefix>N-1");
ABSL_FLAG(int, tenants, 1, "create_user: how many tenants to spread over");
ABSL_FLAG(std::string, id_prefix, "new-user-",
          "create_user: ids are <prefix><n>, so it must differ per run");
ABSL_FLAG(std::string, org, "", "list_users: the org to list");
ABSL_FLAG(int, page_size, 100, "list_users: users per page");
ABSL_FLAG(std::string, start_tokens, "",
          "list_users: file caching the listing's start tokens");
ABSL_FLAG(std::string, out, "", "capture: file for the serialized response");
ABSL_FLAG(int, trials, 100, "revocation: keys created and deleted");
ABSL_FLAG(int64_t, since_unix_nanos, 0,
          "wait_ready: when the server was started");
ABSL_FLAG(int64_t, first_key, 1, "authenticate_keys: first bench key number");
ABSL_FLAG(int64_t, keys, 1000, "authenticate_keys: how many bench keys");

namespace identity::bench {
namespace {

std::string AccessKeyFromEnvironment() {
  const char* key = std::getenv("IDENTITY_ACCESS_KEY");
  return key != nullptr ? key : "";
}

std::shared_ptr<grpc::Channel> ChannelTo(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

void Authorize(grpc::ClientContext& context, const std::string& key) {
  context.AddMetadata(kAuthorizationMetadata, absl::StrCat(kBearerPrefix, key));
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
}

ClosedLoopOptions LoopOptions() {
  ClosedLoopOptions options;
  options.in_flight = absl::GetFlag(FLAGS_in_flight);
  options.duration = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  return options;
}

// Prints the rate, and the failures on stderr; a run in which nothing
// succeeded is broken, and says so with its exit code.
int Report(const ClosedLoopResult& result) {
  std::cout << absl::StrFormat(
      "calls_per_second %.1f\nsucceeded %d\nfailed %d\n",
      result.CallsPerSecond(), result.succeeded, result.failed);
  if (result.failed > 0) {
    std::cerr << "load_generator: " << result.failed
              << " calls failed; the first: " << result.first_error << "\n";
  }
  return result.succeeded > 0 && result.failed == 0 ? 0 : 1;
}

// One unary call of any UserService method: the stub, request and response
// live until the callback has run.
template <typename Request, typename Response>
struct UnaryCall {
  grpc::ClientContext context;
  Request request;
  Response response;
};

int GetUserInfoLoop(const std::string& key) {
  auto stub = v1::UserService::NewStub(ChannelTo(absl::GetFlag(FLAGS_target)));
  using Call = UnaryCall<v1::GetUserInfoRequest, v1::GetUserInfoResponse>;
  return Report(RunClosedLoop(LoopOptions(), [&](int64_t, CallDone done) {
    auto call = std::make_shared<Call>();
    Authorize(call->context, key);
    stub->async()->GetUserInfo(
        &call->context, &call->request, &call->response,
        [call, done](grpc::Status status) { done(status); });
  }));
}

// Envoy's ext_authz Check with the key in the HTTP headers it forwards, as
// the mesh calls it before every request; a denial counts as a failure.
int EnvoyCheckLoop(const std::string& key) {
  using envoy::service::auth::v3::Authorization;
  using envoy::service::auth::v3::CheckRequest;
  using envoy::service::auth::v3::CheckResponse;
  auto stub = Authorization::NewStub(ChannelTo(absl::GetFlag(FLAGS_target)));
  CheckRequest request;
  auto& headers = *request.mutable_attributes()
                       ->mutable_request()
                       ->mutable_http()
                       ->mutable_headers();
  headers[":method"] = "GET";
  headers[":path"] = "/v1/databases";
  headers[kAuthorizationMetadata] = absl::StrCat(kBearerPrefix, key);
  using Call = UnaryCall<CheckRequest, CheckResponse>;
  return Report(RunClosedLoop(LoopOptions(), [&](int64_t, CallDone done) {
    auto call = std::make_shared<Call>();
    call->request = request;
    call->context.set_deadline(std::chrono::system_clock::now() +
                               std::chrono::seconds(30));
    stub->async()->Check(
        &call->context, &call->request, &call->response,
        [call, done](grpc::Status status) {
          if (status.ok() && !call->response.has_ok_response()) {
            status = grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                                  "Check denied the request");
          }
          done(status);
        });
  }));
}

int CreateUserLoop(const std::string& key) {
  auto stub = v1::UserService::NewStub(ChannelTo(absl::GetFlag(FLAGS_target)));
  const std::string tenant_prefix = absl::GetFlag(FLAGS_tenant_prefix);
  const int tenants = std::max(1, absl::GetFlag(FLAGS_tenants));
  const std::string id_prefix = absl::GetFlag(FLAGS_id_prefix);
  using Call = UnaryCall<v1::CreateUserRequest, v1::User>;
  return Report(RunClosedLoop(LoopOptions(), [&](int64_t n, CallDone done) {
    auto call = std::make_shared<Call>();
    Authorize(call->context, key);
    v1::User& user = *call->request.mutable_user();
    user.set_id(absl::StrCat(id_prefix, n));
    user.set_tenant_id(absl::StrCat(tenant_prefix, n % tenants));
    user.set_name(absl::StrCat("Benchmark user ", n));
    user.set_email(absl::StrCat(id_prefix, n, "@example.com"));
    user.add_roles("user");
    stub->async()->CreateUser(
        &call->context, &call->request, &call->response,
        [call, done](grpc::Status status) { done(status); });
  }));
}

// The start tokens of a listing, one per 1,000 users: read from
// --start_tokens when that file exists (page tokens hold no newline), else
// collected by walking the listing and saved there, so that rounds after
// the first skip the walk.
absl::StatusOr<std::vector<std::string>> StartTokens(
    v1::UserService::Stub& stub, const std::string& key) {
  const std::string file = absl::GetFlag(FLAGS_start_tokens);
  std::vector<std::string> starts;
  if (std::ifstream in(file); !file.empty() && in) {
    for (std::string token; std::getline(in, token);) starts.push_back(token);
    if (!starts.empty()) return starts;
  }
  starts = {""};
  for (;;) {
    grpc::ClientContext context;
    Authorize(context, key);
    v1::ListUsersRequest request;
    request.set_lookup_org_id(absl::GetFlag(FLAGS_org));
    request.set_page_size(1000);
    request.set_page_token(starts.back());
    v1::ListUsersResponse response;
    const grpc::Status status = stub.ListUsers(&context, request, &response);
    if (!status.ok()) {
      return absl::UnavailableError(
          absl::StrCat("ListUsers: ", status.error_message()));
    }
    if (response.next_page_token().empty()) break;
    starts.push_back(response.next_page_token());
  }
  if (!file.empty()) {
    std::ofstream out(file);
    for (const std::string& token : starts) out << token << "\n";
  }
  return starts;
}

// Pages of ListUsers at every depth of the org's listing: every call
// fetches one page of --page_size from a start token picked in turn, so the
// loop measures pages spread evenly from the first to the last.
int ListUsersLoop(const std::string& key) {
  auto stub = v1::UserService::NewStub(ChannelTo(absl::GetFlag(FLAGS_target)));
  absl::StatusOr<std::vector<std::string>> start_tokens =
      StartTokens(*stub, key);
  if (!start_tokens.ok()) {
    std::cerr << "load_generator: " << start_tokens.status().message() << "\n";
    return 1;
  }
  const std::vector<std::string>& starts = *start_tokens;
  std::cout << "listed_users_at_least " << (starts.size() - 1) * 1000 << "\n";
  using Call = UnaryCall<v1::ListUsersRequest, v1::ListUsersResponse>;
  return Report(RunClosedLoop(LoopOptions(), [&](int64_t n, CallDone done) {
    auto call = std::make_shared<Call>();
    Authorize(call->context, key);
    call->request.set_lookup_org_id(absl::GetFlag(FLAGS_org));
    call->request.set_page_size(absl::GetFlag(FLAGS_page_size));
    call->request.set_page_token(starts[n % starts.size()]);
    stub->async()->ListUsers(
        &call->context, &call->request, &call->response,
        [call, done](grpc::Status status) { done(status); });
  }));
}

int Capture(const std::string& key) {
  auto stub = v1::UserService::NewStub(ChannelTo(absl::GetFlag(FLAGS_target)));
  grpc::ClientContext context;
  Authorize(context, key);
  v1::GetUserInfoResponse response;
  const grpc::Status status =
      stub->GetUserInfo(&context, v1::GetUserInfoRequest(), &response);
  if (!status.ok()) {
    std::cerr << "load_generator: GetUserInfo: " << status.error_message()
              << "\n";
    return 1;
  }
  std::ofstream out(absl::GetFlag(FLAGS_out), std::ios::binary);
  if (!response.SerializeToOstream(&out)) return 1;
  std::cout << "response_bytes " << response.ByteSizeLong() << "\n";
  return 0;
}

grpc::StatusCode GetUserInfoCode(v1::UserService::Stub& stub,
                                 const std::string& key) {
  grpc::ClientContext context;
  Authorize(context, key);
  v1::GetUserInfoResponse response;
  return stub.GetUserInfo(&context, v1::GetUserInfoRequest(), &response)
      .error_code();
}

double Percentile(std::vector<double> samples, double fraction) {
  std::sort(samples.begin(), samples.end());
  const size_t index = std::min(samples.size() - 1,
                                static_cast<size_t>(fraction * samples.size()));
  return samples[index];
}

// Per trial: a new key is made through the target and used on the replica
// (so the replica caches it), then deleted through the target; the time
// from the delete's answer to the replica's first UNAUTHENTICATED is one
// sample.
int Revocation(const std::string& key) {
  auto keys_a =
      v1::AccessKeyService::NewStub(ChannelTo(absl::GetFlag(FLAGS_target)));
  auto users_b =
      v1::UserService::NewStub(ChannelTo(absl::GetFlag(FLAGS_replica)));
  std::vector<double> millis;
  const std::string run = absl::StrCat(absl::ToUnixMicros(absl::Now()));
  for (int trial = 0; trial < absl::GetFlag(FLAGS_trials); ++trial) {
    const std::string name = absl::StrCat("revocation-", run, "-", trial);
    v1::CreateAccessKeyRequest create;
    create.set_name(name);
    v1::AccessKey created;
    grpc::ClientContext create_context;
    Authorize(create_context, key);
    grpc::Status status =
        keys_a->CreateAccessKey(&create_context, create, &created);
    if (!status.ok()) {
      std::cerr << "load_generator: CreateAccessKey: " << status.error_message()
                << "\n";
      return 1;
    }
    const absl::Time warm_until = absl::Now() + absl::Seconds(5);
    while (GetUserInfoCode(*users_b, created.access_key()) !=
           grpc::StatusCode::OK) {
      if (absl::Now() > warm_until) {
        std::cerr << "load_generator: the replica never accepted a new key\n";
        return 1;
      }
    }
    v1::DeleteAccessKeysRequest remove;
    remove.add_names(name);
    google::protobuf::Empty empty;
    grpc::ClientContext delete_context;
    Authorize(delete_context, key);
    status = keys_a->DeleteAccessKeys(&delete_context, remove, &empty);
    if (!status.ok()) {
      std::cerr << "load_generator: DeleteAccessKeys: "
                << status.error_message() << "\n";
      return 1;
    }
    const absl::Time deleted = absl::Now();
    const absl::Time give_up = deleted + absl::Seconds(5);
    grpc::StatusCode code;
    while ((code = GetUserInfoCode(*users_b, created.access_key())) ==
               grpc::StatusCode::OK &&
           absl::Now() < give_up) {
    }
    if (code != grpc::StatusCode::UNAUTHENTICATED) {
      std::cerr << "load_generator: the replica still accepts a deleted key "
                   "after 5 s (code "
                << code << ")\n";
      return 1;
    }
    millis.push_back(absl::ToDoubleMilliseconds(absl::Now() - deleted));
  }
  std::cout << absl::StrFormat(
      "p50_ms %.2f\np99_ms %.2f\nmax_ms %.2f\n", Percentile(millis, 0.5),
      Percentile(millis, 0.99), Percentile(millis, 1.0));
  return 0;
}

// Polls grpc.health.v1.Health/Check (no key needed) until it answers
// SERVING, and prints the time since --since_unix_nanos.
int WaitReady() {
  const std::string serving = std::string("\x08\x01", 2);
  // gRPC backs off reconnecting for a second or more by default, which
  // would be measured as start-up time: retry every few milliseconds.
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 5);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 5);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 20);
  grpc::GenericStub stub(
      grpc::CreateCustomChannel(absl::GetFlag(FLAGS_target),
                                grpc::InsecureChannelCredentials(), arguments));
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (absl::Now() < give_up) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::milliseconds(200));
    // An empty HealthCheckRequest: the whole server, not one service.
    grpc::Slice empty_request("");
    const grpc::ByteBuffer request(&empty_request, 1);
    grpc::ByteBuffer response;
    absl::Notification done;
    grpc::Status status;
    stub.UnaryCall(&context, "/grpc.health.v1.Health/Check",
                   grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) {
                     status = std::move(s);
                     done.Notify();
                   });
    done.WaitForNotification();
    std::vector<grpc::Slice> slices;
    std::string body;
    if (status.ok() && response.Dump(&slices).ok()) {
      for (const grpc::Slice& slice : slices) {
        body.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
      }
    }
    if (status.ok() && body == serving) {
      const absl::Time started =
          absl::FromUnixNanos(absl::GetFlag(FLAGS_since_unix_nanos));
      std::cout << absl::StrFormat(
          "ready_ms %.1f\n", absl::ToDoubleMilliseconds(absl::Now() - started));
      return 0;
    }
    absl::SleepFor(absl::Milliseconds(2));
  }
  std::cerr << "load_generator: not SERVING after 60 s\n";
  return 1;
}

// Presents bench keys first_key .. first_key+keys-1 once each, so that the
// server caches every one of them.
int AuthenticateKeys() {
  auto stub = v1::UserService::NewStub(ChannelTo(absl::GetFlag(FLAGS_target)));
  const int64_t first = absl::GetFlag(FLAGS_first_key);
  ClosedLoopOptions options = LoopOptions();
  options.duration = absl::InfiniteDuration();
  options.max_calls = absl::GetFlag(FLAGS_keys);
  using Call = UnaryCall<v1::GetUserInfoRequest, v1::GetUserInfoResponse>;
  return Report(RunClosedLoop(options, [&](int64_t n, CallDone done) {
    auto call = std::make_shared<Call>();
    Authorize(call->context, BenchKeySecret(first + n));
    stub->async()->GetUserInfo(
        &call->context, &call->request, &call->response,
        [call, done](grpc::Status status) { done(status); });
  }));
}

int Run() {
  const std::string mode = absl::GetFlag(FLAGS_mode);
  const std::string key = AccessKeyFromEnvironment();
  if (mode == "wait_ready") return WaitReady();
  if (mode == "authenticate_keys") return AuthenticateKeys();
  if (key.empty()) {
    std::cerr << "load_generator: set IDENTITY_ACCESS_KEY\n";
    return 2;
  }
  if (mode == "get_user_info") return GetUserInfoLoop(key);
  if (mode == "envoy_check") return EnvoyCheckLoop(key);
  if (mode == "create_user") return CreateUserLoop(key);
  if (mode == "list_users") return ListUsersLoop(key);
  if (mode == "capture") return Capture(key);
  if (mode == "revocation") return Revocation(key);
  std::cerr << "load_generator: unknown --mode=" << mode << "\n";
  return 2;
}

}  // namespace
}  // namespace identity::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // The client's gRPC locks are absl::Mutex too: no lock-order graph.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return identity::bench::Run();
}
