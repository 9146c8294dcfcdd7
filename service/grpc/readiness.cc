#include "service/grpc/readiness.h"

namespace identity {

void Readiness::Attach(grpc::HealthCheckServiceInterface* health) {
  absl::MutexLock lock(&mu_);
  health_ = health;
  if (health_ != nullptr) health_->SetServingStatus(kLivenessService, true);
  PublishLocked();
}

void Readiness::SetFeedLive(bool live) {
  absl::MutexLock lock(&mu_);
  if (feed_live_ == live) return;
  feed_live_ = live;
  PublishLocked();
}

void Readiness::SetDatabaseHealthy(bool healthy) {
  absl::MutexLock lock(&mu_);
  if (database_healthy_ == healthy) return;
  database_healthy_ = healthy;
  PublishLocked();
}

void Readiness::StartDraining() {
  absl::MutexLock lock(&mu_);
  draining_ = true;
  PublishLocked();
}

bool Readiness::ready() const {
  absl::ReaderMutexLock lock(&mu_);
  return ReadyLocked();
}

void Readiness::PublishLocked() {
  if (health_ == nullptr) return;
  const bool ready = ReadyLocked();
  health_->SetServingStatus("", ready);
  health_->SetServingStatus(kReadinessService, ready);
  for (const std::string& service : services_) {
    health_->SetServingStatus(service, ready);
  }
}

}  // namespace identity
