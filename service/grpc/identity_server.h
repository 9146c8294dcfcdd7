// The identity gRPC server over a Store: authentication interceptor, the
// five identity.v1 services, Envoy's external authorization, health checking
// and reflection.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<IdentityServer> server,
//                    IdentityServer::Start(options, store.get()));
//   feed = postgres::PgChangeFeed::Start({url}, server->change_subscriber());
//   server->Shutdown(absl::Seconds(10));
#ifndef IDENTITY_SERVICE_GRPC_IDENTITY_SERVER_H_
#define IDENTITY_SERVICE_GRPC_IDENTITY_SERVER_H_

#include <grpcpp/server.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/metrics.h"
#include "service/api/access_key_api.h"
#include "service/api/audit_api.h"
#include "service/api/config_api.h"
#include "service/api/org_api.h"
#include "service/api/tenant_api.h"
#include "service/api/user_api.h"
#include "service/auth/authenticator.h"
#include "service/auth/failed_authentication_limiter.h"
#include "service/auth/identity_cache.h"
#include "service/auth/impersonation_refusal_recorder.h"
#include "service/auth/key_use_recorder.h"
#include "service/grpc/authorizer_peers.h"
#include "service/grpc/bounded_executor.h"
#include "service/grpc/call_observer.h"
#include "service/grpc/call_registry.h"
#include "service/grpc/ext_authz_service.h"
#include "service/grpc/feed_liveness_relay.h"
#include "service/grpc/health_endpoint.h"
#include "service/grpc/identity_services.h"
#include "service/grpc/readiness.h"
#include "service/grpc/unary_dispatcher.h"
#include "storage/change_feed.h"
#include "storage/store.h"

namespace identity {

struct ServerOptions {
  // host:port; port 0 picks a free port (see IdentityServer::port()).
  std::string listen_address = "0.0.0.0:50051";
  // PEM files; both set: serve TLS, neither: plaintext.
  std::string tls_cert_path;
  std::string tls_key_path;
  // PEM bundle; set: clients must present a certificate it signed (mTLS).
  std::string tls_client_ca_path;
  // How often the TLS files are re-read, so rotated ones are served.
  absl::Duration tls_reload_interval = absl::Seconds(60);
  // host:port; set: grpc.health.v1 alone is also served there, in
  // plaintext, for probes that cannot speak TLS (health_endpoint.h).
  std::string health_listen_address;
  // Told of every identity.v1 call and Envoy Check when it finishes (logs,
  // metrics); each must outlive the server.
  std::vector<CallObserver*> call_observers;
  // Where the cache and the executor report; must outlive the server.
  Metrics* metrics = NoMetrics();
  // Threads that wait on the database; match the connection pool size.
  int worker_threads = 8;
  // Calls waiting for a worker at most; more get UNAVAILABLE at once.
  size_t max_queued_calls = 1'000;
  // A call that waited longer than this for a worker gets UNAVAILABLE
  // instead of being served late.
  absl::Duration max_queue_wait = absl::Seconds(1);
  // Every call's deadline is at most this far away, whatever the client
  // asked (or did not ask) for.
  absl::Duration max_call_duration = absl::Seconds(30);
  absl::Duration key_use_flush_interval = absl::Seconds(5);
  // How often counted refusals of impersonation reach the audit trail.
  absl::Duration impersonation_refusal_flush_interval = absl::Seconds(10);
  // Failed authentications allowed per peer address.
  FailedAuthenticationLimiter::Limits failed_authentications;
  // envoy.service.auth.v3.Authorization (ext_authz_service.h).
  ExtAuthzOptions ext_authz;
  // Who may call Check (authorizer_peers.h), as comma-separated lists: IP
  // addresses and CIDR ranges, and certificate identities, which need mTLS
  // (tls_client_ca_path).
  std::string ext_authz_allowed_peers = kDefaultAuthorizerPeers;
  std::string ext_authz_allowed_identities;
};

class IdentityServer {
 public:
  // Starts serving on `store`, which must outlive the server. Nothing is
  // served from cache until the change feed reports itself live through
  // change_subscriber(). UNAVAILABLE when the address cannot be bound,
  // INVALID_ARGUMENT for unreadable TLS files, a malformed allowed peer, or
  // allowed identities without mTLS. Not ready (grpc.health.v1,
  // see readiness.h) until the feed is live and SetDatabaseHealthy(true).
  static absl::StatusOr<std::unique_ptr<IdentityServer>> Start(
      const ServerOptions& options, storage::Store* store);

  // Stops accepting calls, lets calls in flight finish within `grace`, then
  // cancels the rest; the health port answers (NOT_SERVING) until then.
  ~IdentityServer();
  void Shutdown(absl::Duration grace);

  int port() const { return port_; }
  // The plaintext health port; 0 when health_listen_address is empty.
  int health_port() const {
    return health_endpoint_ != nullptr ? health_endpoint_->port() : 0;
  }
  storage::ChangeSubscriber* change_subscriber() { return &feed_relay_; }
  // What grpc.health.v1 reports; the composition root reports the
  // database's health here, and starts draining on SIGTERM.
  Readiness& readiness() { return readiness_; }

 private:
  IdentityServer(const ServerOptions& options, storage::Store* store,
                 AuthorizerPeers authorizers);

  IdentityCache cache_;
  Readiness readiness_;
  FeedLivenessRelay feed_relay_;
  KeyUseRecorder key_uses_;
  ImpersonationRefusalRecorder refusals_;
  FailedAuthenticationLimiter failures_;
  Authenticator authenticator_;
  const absl::Duration max_call_duration_;
  CallRegistry registry_;
  BoundedExecutor executor_;
  UnaryDispatcher dispatcher_;
  OrgApi org_api_;
  TenantApi tenant_api_;
  UserApi user_api_;
  ConfigApi config_api_;
  AccessKeyApi access_key_api_;
  AuditApi audit_api_;
  IdentityServices services_;
  ExtAuthzService ext_authz_service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::unique_ptr<HealthEndpoint> health_endpoint_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_IDENTITY_SERVER_H_
