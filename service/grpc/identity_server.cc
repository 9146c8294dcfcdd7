#include "service/grpc/identity_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "service/grpc/auth_interceptor.h"

namespace identity {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  }
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> CredentialsFor(
    const ServerOptions& options) {
  if (options.tls_cert_path.empty() != options.tls_key_path.empty()) {
    return absl::InvalidArgumentError(
        "TLS needs both a certificate and a key path");
  }
  if (options.tls_cert_path.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl;
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  ASSIGN_OR_RETURN(pair.private_key, ReadFile(options.tls_key_path));
  ASSIGN_OR_RETURN(pair.cert_chain, ReadFile(options.tls_cert_path));
  ssl.pem_key_cert_pairs.push_back(std::move(pair));
  return grpc::SslServerCredentials(ssl);
}

}  // namespace

IdentityServer::IdentityServer(const ServerOptions& options,
                               storage::Store* store)
    : key_uses_(store, options.key_use_flush_interval),
      authenticator_(store, &cache_, &key_uses_),
      executor_(options.worker_threads, options.max_queued_calls),
      dispatcher_(&registry_, &executor_),
      org_api_(store, &cache_),
      tenant_api_(store, &cache_),
      user_api_(store, &cache_),
      config_api_(store),
      access_key_api_(store, &cache_, &key_uses_),
      audit_api_(store),
      org_service_(&dispatcher_, &org_api_),
      tenant_service_(&dispatcher_, &tenant_api_),
      user_service_(&dispatcher_, &user_api_, &config_api_),
      access_key_service_(&dispatcher_, &access_key_api_),
      audit_service_(&dispatcher_, &audit_api_),
      ext_authz_service_(&authenticator_, &executor_, options.ext_authz) {}

absl::StatusOr<std::unique_ptr<IdentityServer>> IdentityServer::Start(
    const ServerOptions& options, storage::Store* store) {
  ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
                   CredentialsFor(options));
  std::unique_ptr<IdentityServer> server(new IdentityServer(options, store));

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, credentials, &server->port_);
  builder.RegisterService(&server->org_service_);
  builder.RegisterService(&server->tenant_service_);
  builder.RegisterService(&server->user_service_);
  builder.RegisterService(&server->access_key_service_);
  builder.RegisterService(&server->audit_service_);
  builder.RegisterService(&server->ext_authz_service_);
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(std::make_unique<AuthInterceptorFactory>(
      &server->authenticator_, &server->registry_));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen_address));
  }
  return server;
}

void IdentityServer::Shutdown(absl::Duration grace) {
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
}

IdentityServer::~IdentityServer() {
  if (server_ != nullptr) Shutdown(absl::ZeroDuration());
}

}  // namespace identity
