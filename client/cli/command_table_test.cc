// The command table as a whole: every RPC of identity.v1 has a command, and
// each command sends its own RPC with the request it built. The second is
// observed by a real server on port 0 with a generic service that records
// each call and answers with an empty message, which parses as any response.
#include "client/cli/command_table.h"

#include <gmock/gmock.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/status_matchers.h"
#include "client/cli/invocation.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/message_differencer.h"
#include "identity/v1/access_key_service.grpc.pb.h"
#include "identity/v1/audit_service.grpc.pb.h"
#include "identity/v1/org_service.grpc.pb.h"
#include "identity/v1/tenant_service.grpc.pb.h"
#include "identity/v1/user_service.grpc.pb.h"

namespace identity::cli {
namespace {

using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

// One valid command line per command, and the RPC it must call.
struct Sample {
  std::vector<std::string> words;
  std::string method;
};

const std::vector<Sample>& Samples() {
  static const auto* const kSamples = new std::vector<Sample>{
      {{"org", "create", "acme", "--name", "Acme"},
       "/identity.v1.OrgService/CreateOrg"},
      {{"org", "get", "acme"}, "/identity.v1.OrgService/GetOrg"},
      {{"org", "update", "acme", "--name", "A"},
       "/identity.v1.OrgService/UpdateOrg"},
      {{"org", "delete", "acme", "--force"},
       "/identity.v1.OrgService/DeleteOrg"},
      {{"org", "list", "--page-size", "2"}, "/identity.v1.OrgService/ListOrgs"},
      {{"tenant", "create", "eu", "--org", "acme", "--name", "EU"},
       "/identity.v1.TenantService/CreateTenant"},
      {{"tenant", "get", "eu"}, "/identity.v1.TenantService/GetTenant"},
      {{"tenant", "update", "eu", "--variables", R"({"a": 1})"},
       "/identity.v1.TenantService/UpdateTenant"},
      {{"tenant", "delete", "eu"}, "/identity.v1.TenantService/DeleteTenant"},
      {{"tenant", "list", "--org", "acme"},
       "/identity.v1.TenantService/ListTenants"},
      {{"user", "create", "jack", "--tenant", "eu", "--roles", "user"},
       "/identity.v1.UserService/CreateUser"},
      {{"user", "get", "jack"}, "/identity.v1.UserService/GetUser"},
      {{"user", "update", "jack", "--roles", "", "--etag", "e"},
       "/identity.v1.UserService/UpdateUser"},
      {{"user", "delete", "jack"}, "/identity.v1.UserService/DeleteUser"},
      {{"user", "list", "--tenant", "eu"},
       "/identity.v1.UserService/ListUsers"},
      {{"user", "info"}, "/identity.v1.UserService/GetUserInfo"},
      {{"config", "update", "--set", "theme=dark", "--delete", "old"},
       "/identity.v1.UserService/UpdateConfig"},
      {{"key", "create", "ci", "--expires", "2030-01-01T00:00:00Z",
        "--permissions", "read:org,usage:api"},
       "/identity.v1.AccessKeyService/CreateAccessKey"},
      {{"key", "list", "--user", "bot"},
       "/identity.v1.AccessKeyService/ListAccessKeys"},
      {{"key", "delete", "ci", "laptop"},
       "/identity.v1.AccessKeyService/DeleteAccessKeys"},
      {{"key", "rotate", "ci", "--user", "u1", "--grace", "3600s"},
       "/identity.v1.AccessKeyService/RotateAccessKey"},
      {{"audit", "list", "--since", "2030-01-01T00:00:00Z"},
       "/identity.v1.AuditService/ListAuditEvents"},
  };
  return *kSamples;
}

GlobalOptions Defaults(int port = 0) {
  GlobalOptions defaults;
  defaults.client.endpoint = absl::StrCat("127.0.0.1:", port);
  defaults.client.access_key = "k";
  return defaults;
}

TEST(CommandTableTest, EveryRpcOfEveryServiceHasACommand) {
  std::set<std::string> rpcs;
  for (const char* service : {v1::OrgService::service_full_name(),
                              v1::TenantService::service_full_name(),
                              v1::UserService::service_full_name(),
                              v1::AccessKeyService::service_full_name(),
                              v1::AuditService::service_full_name()}) {
    const google::protobuf::ServiceDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service);
    ASSERT_NE(descriptor, nullptr) << service;
    for (int i = 0; i < descriptor->method_count(); ++i) {
      rpcs.insert(
          absl::StrCat("/", service, "/", descriptor->method(i)->name()));
    }
  }
  std::set<std::string> sampled;
  for (const Sample& sample : Samples()) sampled.insert(sample.method);

  EXPECT_THAT(sampled, ElementsAreArray(rpcs));
}

TEST(CommandTableTest, SamplesCoverEveryCommandOnce) {
  std::vector<std::string> sampled, commands;
  for (const Sample& sample : Samples()) {
    sampled.push_back(sample.words[0] + " " + sample.words[1]);
  }
  for (const Command& command : AllCommands()) {
    commands.push_back(command.resource + " " + command.verb);
  }

  EXPECT_THAT(sampled, ElementsAreArray(commands));
}

// The parser finds the resource and verb before it knows the command, so a
// flag must take a value, or not, and repeat, or not, in every command alike.
TEST(CommandTableTest, EachFlagMeansTheSameInEveryCommand) {
  std::vector<FlagSpec> seen = GlobalFlags();
  for (const Command& command : AllCommands()) {
    for (const FlagSpec& flag : command.arguments.flags) {
      for (const FlagSpec& other : seen) {
        if (other.name != flag.name) continue;
        EXPECT_EQ(flag.takes_value(), other.takes_value())
            << command.resource << " " << command.verb << " --" << flag.name;
        EXPECT_EQ(flag.repeated, other.repeated)
            << command.resource << " " << command.verb << " --" << flag.name;
      }
      seen.push_back(flag);
    }
  }
}

TEST(CommandTableTest, FindCommandMissesUnknownCommands) {
  EXPECT_NE(FindCommand("org", "get"), nullptr);
  EXPECT_EQ(FindCommand("org", "fly"), nullptr);
  EXPECT_EQ(FindCommand("get", "org"), nullptr);
}

// Records each call's method and request bytes; answers with empty bytes.
class RecordingGenericService final : public grpc::CallbackGenericService {
 public:
  struct Call {
    std::string method;
    std::string request;
  };

  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override {
    return new Reactor(this, context->method());
  }

  std::vector<Call> TakeCalls() {
    absl::MutexLock lock(&mu_);
    return std::move(calls_);
  }

 private:
  class Reactor final : public grpc::ServerGenericBidiReactor {
   public:
    Reactor(RecordingGenericService* service, std::string method)
        : service_(service), method_(std::move(method)) {
      StartRead(&request_);
    }

    void OnReadDone(bool ok) override {
      if (!ok) {
        Finish(grpc::Status(grpc::StatusCode::INTERNAL, "no request"));
        return;
      }
      std::vector<grpc::Slice> slices;
      (void)request_.Dump(&slices);
      std::string bytes;
      for (const grpc::Slice& slice : slices) {
        bytes.append(reinterpret_cast<const char*>(slice.begin()),
                     slice.size());
      }
      service_->Record({method_, std::move(bytes)});
      StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
    }

    void OnDone() override { delete this; }

   private:
    RecordingGenericService* service_;
    std::string method_;
    grpc::ByteBuffer request_;
    grpc::Slice empty_;
    grpc::ByteBuffer response_{&empty_, 1};
  };

  void Record(Call call) {
    absl::MutexLock lock(&mu_);
    calls_.push_back(std::move(call));
  }

  absl::Mutex mu_;
  std::vector<Call> calls_ ABSL_GUARDED_BY(mu_);
};

TEST(CommandTableTest, EachCommandSendsItsRpcWithTheBuiltRequest) {
  RecordingGenericService service;
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterCallbackGenericService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);

  for (const Sample& sample : Samples()) {
    SCOPED_TRACE(sample.method);
    absl::StatusOr<Invocation> invocation =
        ParseInvocation(sample.words, Defaults(port));
    ASSERT_THAT(invocation, IsOk());
    absl::StatusOr<Client> client = Client::Create(invocation->options.client);
    ASSERT_THAT(client, IsOk());

    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> response =
        invocation->command->send(*client, *invocation->request);

    ASSERT_THAT(response, IsOk());
    std::vector<RecordingGenericService::Call> calls = service.TakeCalls();
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].method, sample.method);
    std::unique_ptr<google::protobuf::Message> received(
        invocation->request->New());
    ASSERT_TRUE(received->ParseFromString(calls[0].request));
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
        *received, *invocation->request))
        << received->DebugString() << " vs "
        << invocation->request->DebugString();
  }
  server->Shutdown();
  EXPECT_THAT(service.TakeCalls(), IsEmpty());
}

}  // namespace
}  // namespace identity::cli
