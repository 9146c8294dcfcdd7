// The baseline for GetUserInfo: a callback-API gRPC server that answers
// v1.UserService/GetUserInfo with a response captured from the real server
// (load_generator --mode=capture), so the same bytes go back, and does no
// other work: no interceptor, no key, no lookup. Prints its port.
//
//   echo_server --response=response.bin --listen=127.0.0.1:0
#include <grpcpp/server_builder.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/synchronization/mutex.h"
#include "identity/v1/user_service.grpc.pb.h"

ABSL_FLAG(std::string, response, "",
          "file holding a serialized identity.v1.GetUserInfoResponse");
ABSL_FLAG(std::string, listen, "127.0.0.1:0", "host:port to serve on");

namespace identity::bench {
namespace {

class EchoUserService final : public v1::UserService::CallbackService {
 public:
  explicit EchoUserService(v1::GetUserInfoResponse answer)
      : answer_(std::move(answer)) {}

  grpc::ServerUnaryReactor* GetUserInfo(
      grpc::CallbackServerContext* context, const v1::GetUserInfoRequest*,
      v1::GetUserInfoResponse* response) override {
    *response = answer_;
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

 private:
  const v1::GetUserInfoResponse answer_;
};

int Run() {
  v1::GetUserInfoResponse answer;
  std::ifstream in(absl::GetFlag(FLAGS_response), std::ios::binary);
  if (!in || !answer.ParseFromIstream(&in)) {
    std::cerr << "echo_server: cannot read --response\n";
    return 2;
  }
  EchoUserService service(std::move(answer));
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(absl::GetFlag(FLAGS_listen),
                           grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr) {
    std::cerr << "echo_server: cannot listen on " << absl::GetFlag(FLAGS_listen)
              << "\n";
    return 1;
  }
  std::cout << "port " << port << std::endl;
  server->Wait();
  return 0;
}

}  // namespace
}  // namespace identity::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // As identityd does: no lock-order graph on every absl::Mutex acquisition
  // (Debian's Abseil is built without NDEBUG), so the baseline is as fast.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return identity::bench::Run();
}
