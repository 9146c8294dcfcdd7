// Every metric identityd exports, named once for whoever records it and for
// the Prometheus exposition (base/metrics.h). Process metrics (CPU, memory,
// file descriptors, start time) come from metrics/process_metrics.h.
//
//   metrics->Counter(kChangeFeedReconnects).Add();
#ifndef IDENTITY_BASE_METRIC_DEFINITIONS_H_
#define IDENTITY_BASE_METRIC_DEFINITIONS_H_

#include "base/metrics.h"

namespace identity {

// Labels: method (a served method's full RPC name, or "unknown" for any
// other), code (e.g. "OK", "NOT_FOUND").
inline constexpr MetricDefinition kRpcCalls{
    "identity_rpc_calls_total", "Finished identity.v1 calls by method and code",
    MetricKind::kCounter};
// Labels: method, as above.
inline constexpr MetricDefinition kRpcLatency{
    "identity_rpc_latency_seconds",
    "Time from a call's arrival to its status, by method",
    MetricKind::kHistogram};
// Labels: kind ("key" or "user"), result ("hit" or "miss").
inline constexpr MetricDefinition kAuthCacheLookups{
    "identity_auth_cache_lookups_total",
    "Authentication cache lookups by kind and result", MetricKind::kCounter};
inline constexpr MetricDefinition kPoolConnectionsInUse{
    "identity_db_pool_connections_in_use",
    "Database connections leased out of the pool", MetricKind::kGauge};
inline constexpr MetricDefinition kPoolWaits{
    "identity_db_pool_waits_total",
    "Leases that had to wait for a free connection", MetricKind::kCounter};
// Labels: version and commit of the build; always 1, so that a query can
// join it onto any other series.
inline constexpr MetricDefinition kBuildInfo{
    "identity_build_info", "The version and commit of the running build",
    MetricKind::kGauge};
// Labels: kind (the status code the driver error became, e.g.
// "UNAVAILABLE", "ABORTED", "DEADLINE_EXCEEDED"). Not the requests the
// database refused (ALREADY_EXISTS, FAILED_PRECONDITION, INVALID_ARGUMENT):
// those are calls' outcomes, which the call metrics count.
inline constexpr MetricDefinition kDatabaseErrors{
    "identity_db_errors_total",
    "Failed database transactions and lookups by kind", MetricKind::kCounter};
inline constexpr MetricDefinition kExecutorQueueDepth{
    "identity_executor_queue_depth",
    "Calls queued for a database worker thread", MetricKind::kGauge};
inline constexpr MetricDefinition kExecutorWait{
    "identity_executor_wait_seconds",
    "Time a call waited in the queue for a database worker thread",
    MetricKind::kHistogram};
inline constexpr MetricDefinition kChangeFeedHeartbeat{
    "identity_change_feed_last_heartbeat_timestamp_seconds",
    "When the change feed last heard from the database (Unix time); the "
    "feed's lag is time() minus this",
    MetricKind::kGauge};
inline constexpr MetricDefinition kChangeFeedLive{
    "identity_change_feed_live",
    "1 while the change feed listens, 0 while it is cut off",
    MetricKind::kGauge};
inline constexpr MetricDefinition kChangeFeedReconnects{
    "identity_change_feed_reconnects_total",
    "Times the change feed lost its connection and reconnected",
    MetricKind::kCounter};
inline constexpr MetricDefinition kReady{
    "identity_ready", "1 while grpc.health.v1 reports SERVING",
    MetricKind::kGauge};

}  // namespace identity

#endif  // IDENTITY_BASE_METRIC_DEFINITIONS_H_
