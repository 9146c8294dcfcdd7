#include "service/grpc/health_endpoint.h"

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/impl/server_builder_option.h>
#include <grpcpp/impl/server_builder_plugin.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <vector>

#include "absl/strings/str_cat.h"

namespace identity {
namespace {

// Server builder plugins are registered process-wide (the identity port's
// reflection among them); this port must serve health alone, so it drops
// them all.
class WithoutPlugins : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>*
                         plugins) override {
    plugins->clear();
  }
};

}  // namespace

absl::StatusOr<std::unique_ptr<HealthEndpoint>> HealthEndpoint::Start(
    const std::string& listen_address, Readiness* readiness) {
  std::unique_ptr<HealthEndpoint> endpoint(new HealthEndpoint(readiness));
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  builder.SetOption(std::make_unique<WithoutPlugins>());
  // Answers every other method UNIMPLEMENTED; gRPC also needs a service
  // registered before it starts, and the health service is added only then.
  builder.RegisterCallbackGenericService(&endpoint->unimplemented_);
  builder.AddListeningPort(listen_address, grpc::InsecureServerCredentials(),
                           &endpoint->port_);
  endpoint->server_ = builder.BuildAndStart();
  if (endpoint->server_ == nullptr || endpoint->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve health on ", listen_address));
  }
  readiness->Attach(endpoint->server_->GetHealthCheckService());
  return endpoint;
}

void HealthEndpoint::Shutdown(absl::Duration grace) {
  if (server_ == nullptr) return;
  readiness_->Detach(server_->GetHealthCheckService());
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  server_.reset();
}

HealthEndpoint::~HealthEndpoint() { Shutdown(absl::ZeroDuration()); }

}  // namespace identity
