#include "service/grpc/identity_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "grpc/health/v1/health.pb.h"
#include "service/grpc/call_interceptor.h"
#include "service/grpc/served_methods.h"
#include "service/grpc/tls_server_credentials.h"

namespace identity {
namespace {

// Keys and users held in memory before the cache starts over.
constexpr size_t kCachedIdentities = 200'000;

}  // namespace

IdentityServer::IdentityServer(const ServerOptions& options,
                               storage::Store* store,
                               AuthorizerPeers authorizers)
    : cache_(kCachedIdentities, options.metrics),
      readiness_(IdentityServiceNames()),
      feed_relay_(&cache_, &readiness_),
      key_uses_(store, options.key_use_flush_interval),
      refusals_(store, options.impersonation_refusal_flush_interval),
      failures_(options.failed_authentications),
      authenticator_(store, &cache_, &key_uses_, &refusals_, &failures_),
      max_call_duration_(options.max_call_duration),
      executor_(options.worker_threads, options.max_queued_calls,
                options.max_queue_wait, options.metrics),
      dispatcher_(&registry_, &authenticator_, &executor_),
      org_api_(store, &cache_),
      tenant_api_(store, &cache_),
      user_api_(store, &cache_),
      config_api_(store),
      access_key_api_(store, &cache_, &key_uses_),
      audit_api_(store),
      services_(&dispatcher_,
                IdentityApis{&org_api_, &tenant_api_, &user_api_, &config_api_,
                             &access_key_api_, &audit_api_}),
      ext_authz_service_(&authenticator_, &executor_, options.max_call_duration,
                         options.ext_authz, std::move(authorizers),
                         options.call_observers) {}

absl::StatusOr<std::unique_ptr<IdentityServer>> IdentityServer::Start(
    const ServerOptions& options, storage::Store* store) {
  ASSIGN_OR_RETURN(
      std::shared_ptr<grpc::ServerCredentials> credentials,
      ServerCredentialsFor({options.tls_cert_path, options.tls_key_path,
                            options.tls_client_ca_path},
                           options.tls_reload_interval));
  ASSIGN_OR_RETURN(
      AuthorizerPeers authorizers,
      AuthorizerPeers::Parse(options.ext_authz_allowed_peers,
                             options.ext_authz_allowed_identities));
  // Without mTLS no certificate is verified, so none could ever match.
  if (!options.ext_authz_allowed_identities.empty() &&
      options.tls_client_ca_path.empty()) {
    return absl::InvalidArgumentError(
        "--ext_authz_allowed_identities needs mTLS: set --tls_client_ca");
  }
  std::unique_ptr<IdentityServer> server(
      new IdentityServer(options, store, std::move(authorizers)));

  grpc::EnableDefaultHealthCheckService(true);
  // gRPC's built-in health service registers no descriptors, so reflection
  // would list grpc.health.v1.Health but not describe it (buf curl could not
  // call it without --schema). Naming a generated health message links in
  // the file that adds them to the pool reflection reads.
  grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, credentials, &server->port_);
  // Both ways at most 4 MiB, a client's default receive limit: pages and
  // configs are bounded well below it (README "Limits").
  builder.SetMaxReceiveMessageSize(4 * 1024 * 1024);
  builder.SetMaxSendMessageSize(4 * 1024 * 1024);
  RETURN_IF_ERROR(server->services_.RequireEveryMethodBound());
  for (grpc::Service* service : server->services_.All()) {
    builder.RegisterService(service);
  }
  builder.RegisterService(&server->ext_authz_service_);
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(std::make_unique<CallInterceptorFactory>(
      &server->authenticator_, &server->registry_, server->max_call_duration_,
      options.call_observers));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen_address));
  }
  server->readiness_.Attach(server->server_->GetHealthCheckService());
  if (!options.health_listen_address.empty()) {
    ASSIGN_OR_RETURN(server->health_endpoint_,
                     HealthEndpoint::Start(options.health_listen_address,
                                           &server->readiness_));
  }
  return server;
}

void IdentityServer::Shutdown(absl::Duration grace) {
  readiness_.StartDraining();
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  if (health_endpoint_ != nullptr) {
    health_endpoint_->Shutdown(absl::ZeroDuration());
  }
}

IdentityServer::~IdentityServer() {
  if (server_ != nullptr) Shutdown(absl::ZeroDuration());
}

}  // namespace identity
