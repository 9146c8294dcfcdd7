// What the client puts on the wire, observed by a real in-process server on
// port 0 whose UserService echoes the metadata it receives.
#include "client/client.h"

#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "base/call_metadata.h"
#include "base/status_matchers.h"
#include "identity/v1/user_service.grpc.pb.h"

namespace identity {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// GetUserInfo answers with every "authorization" value in `permissions` and
// every "x-impersonate-user" value in `roles`, and remembers the deadline.
// GetUser waits until the call is cancelled, to outlive any deadline.
// DeleteUser fails with the numeric status code given as the id.
class MetadataEchoService final : public v1::UserService::Service {
 public:
  grpc::Status GetUserInfo(grpc::ServerContext* context,
                           const v1::GetUserInfoRequest*,
                           v1::GetUserInfoResponse* response) override {
    for (const auto& [key, value] : context->client_metadata()) {
      std::string text(value.begin(), value.end());
      if (key == kAuthorizationMetadata) response->add_permissions(text);
      if (key == kImpersonateUserMetadata) response->add_roles(text);
    }
    absl::MutexLock lock(&mu_);
    last_deadline_ = absl::FromChrono(context->deadline());
    return grpc::Status::OK;
  }

  grpc::Status GetUser(grpc::ServerContext* context, const v1::GetUserRequest*,
                       v1::User*) override {
    while (!context->IsCancelled()) {
      absl::SleepFor(absl::Milliseconds(5));
    }
    return grpc::Status::CANCELLED;
  }

  grpc::Status DeleteUser(grpc::ServerContext*,
                          const v1::DeleteUserRequest* request,
                          google::protobuf::Empty*) override {
    int code = 0;
    if (!absl::SimpleAtoi(request->id(), &code)) {
      return grpc::Status::OK;
    }
    return grpc::Status(static_cast<grpc::StatusCode>(code),
                        absl::StrCat("message for code ", code));
  }

  absl::Time last_deadline() const {
    absl::MutexLock lock(&mu_);
    return last_deadline_;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time last_deadline_ ABSL_GUARDED_BY(mu_);
};

class ClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }

  void TearDown() override { server_->Shutdown(); }

  Client ConnectedClient(std::string access_key,
                         absl::Duration timeout = absl::Seconds(10)) {
    ClientOptions options;
    options.endpoint = absl::StrCat("127.0.0.1:", port_);
    options.access_key = std::move(access_key);
    options.timeout = timeout;
    absl::StatusOr<Client> client = Client::Create(std::move(options));
    EXPECT_THAT(client, IsOk());
    return *std::move(client);
  }

  MetadataEchoService service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

TEST_F(ClientTest, SendsTheKeyAsBearerToken) {
  Client client = ConnectedClient("secret-key");

  absl::StatusOr<v1::GetUserInfoResponse> echo = client.GetUserInfo();

  ASSERT_THAT(echo, IsOk());
  EXPECT_THAT(echo->permissions(), ElementsAre("Bearer secret-key"));
  EXPECT_THAT(echo->roles(), IsEmpty());
}

TEST_F(ClientTest, SendsNoAuthorizationWithoutAKey) {
  Client client = ConnectedClient("");

  absl::StatusOr<v1::GetUserInfoResponse> echo = client.GetUserInfo();

  ASSERT_THAT(echo, IsOk());
  EXPECT_THAT(echo->permissions(), IsEmpty());
}

TEST_F(ClientTest, SendsImpersonatedUserUntilCleared) {
  Client client = ConnectedClient("k");

  client.SetImpersonateUser("jack@myco.com");
  absl::StatusOr<v1::GetUserInfoResponse> impersonated = client.GetUserInfo();
  client.ClearImpersonation();
  absl::StatusOr<v1::GetUserInfoResponse> cleared = client.GetUserInfo();

  ASSERT_THAT(impersonated, IsOk());
  EXPECT_THAT(impersonated->roles(), ElementsAre("jack@myco.com"));
  EXPECT_THAT(impersonated->permissions(), ElementsAre("Bearer k"));
  ASSERT_THAT(cleared, IsOk());
  EXPECT_THAT(cleared->roles(), IsEmpty());
}

TEST_F(ClientTest, ScopedImpersonationIsOnTheWireOnlyInsideTheScope) {
  Client client = ConnectedClient("k");
  absl::StatusOr<v1::GetUserInfoResponse> inner, outer;
  {
    ImpersonationScope as_alice = client.Impersonate("alice");
    {
      ImpersonationScope as_jack = client.Impersonate("jack");
      inner = client.GetUserInfo();
    }
    outer = client.GetUserInfo();
  }
  absl::StatusOr<v1::GetUserInfoResponse> after = client.GetUserInfo();

  ASSERT_THAT(inner, IsOk());
  ASSERT_THAT(outer, IsOk());
  ASSERT_THAT(after, IsOk());
  EXPECT_THAT(inner->roles(), ElementsAre("jack"));
  EXPECT_THAT(outer->roles(), ElementsAre("alice"));
  EXPECT_THAT(after->roles(), IsEmpty());
}

TEST_F(ClientTest, AsUserViewSendsItsUserAndTheParentsKey) {
  Client client = ConnectedClient("k");
  Client view = client.AsUser("jack");

  absl::StatusOr<v1::GetUserInfoResponse> from_view = view.GetUserInfo();
  absl::StatusOr<v1::GetUserInfoResponse> from_parent = client.GetUserInfo();

  ASSERT_THAT(from_view, IsOk());
  ASSERT_THAT(from_parent, IsOk());
  EXPECT_THAT(from_view->roles(), ElementsAre("jack"));
  EXPECT_THAT(from_view->permissions(), ElementsAre("Bearer k"));
  EXPECT_THAT(from_parent->roles(), IsEmpty());
}

TEST_F(ClientTest, ViewsOnManyThreadsKeepTheirOwnUser) {
  Client client = ConnectedClient("k");
  std::vector<std::string> failures[4];
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&client, &failures, i] {
      const std::string user = absl::StrCat("user-", i);
      const Client view = client.AsUser(user);
      for (int call = 0; call < 25; ++call) {
        absl::StatusOr<v1::GetUserInfoResponse> echo = view.GetUserInfo();
        if (!echo.ok() || echo->roles_size() != 1 || echo->roles(0) != user) {
          failures[i].push_back(echo.ok() ? echo->DebugString()
                                          : echo.status().ToString());
        }
      }
    });
  }
  // The parent keeps switching users meanwhile; no view may see it.
  for (int round = 0; round < 25; ++round) {
    ImpersonationScope scope = client.Impersonate("parent-user");
    ASSERT_THAT(client.GetUserInfo(), IsOk());
  }
  for (std::thread& thread : threads) thread.join();

  for (const std::vector<std::string>& thread_failures : failures) {
    EXPECT_THAT(thread_failures, IsEmpty());
  }
}

TEST_F(ClientTest, EachCallCarriesTheConfiguredTimeoutAsDeadline) {
  Client client = ConnectedClient("k", absl::Seconds(7));

  const absl::Time before = absl::Now();
  ASSERT_THAT(client.GetUserInfo(), IsOk());
  const absl::Time after = absl::Now();

  EXPECT_GE(service_.last_deadline(),
            before + absl::Seconds(7) - absl::Milliseconds(100));
  EXPECT_LE(service_.last_deadline(),
            after + absl::Seconds(7) + absl::Milliseconds(100));
}

TEST_F(ClientTest, SlowCallFailsWithDeadlineExceeded) {
  Client client = ConnectedClient("k", absl::Milliseconds(50));

  absl::StatusOr<v1::User> user = client.GetUser("slow");

  EXPECT_THAT(user, StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST_F(ClientTest, ServerStatusArrivesWithItsCodeAndMessage) {
  Client client = ConnectedClient("k");

  for (absl::StatusCode code :
       {absl::StatusCode::kNotFound, absl::StatusCode::kPermissionDenied,
        absl::StatusCode::kFailedPrecondition, absl::StatusCode::kAborted}) {
    const int number = static_cast<int>(code);

    absl::Status status = client.DeleteUser(absl::StrCat(number));

    EXPECT_EQ(status.code(), code);
    EXPECT_EQ(status.message(), absl::StrCat("message for code ", number));
  }
  EXPECT_THAT(client.DeleteUser("not-a-code"), IsOk());
}

TEST(ClientCreateTest, RejectsAnEmptyEndpoint) {
  ClientOptions options;
  options.access_key = "k";

  EXPECT_THAT(Client::Create(options),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ClientCreateTest, RejectsANonPositiveTimeout) {
  ClientOptions options;
  options.endpoint = "127.0.0.1:50051";
  options.timeout = absl::ZeroDuration();

  EXPECT_THAT(Client::Create(options),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ClientCreateTest, UnreachableServerIsUnavailable) {
  ClientOptions options;
  options.endpoint = "127.0.0.1:1";
  absl::StatusOr<Client> client = Client::Create(options);
  ASSERT_THAT(client, IsOk());

  EXPECT_THAT(client->GetUserInfo(), StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace identity
