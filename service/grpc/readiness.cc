#include "service/grpc/readiness.h"

#include <algorithm>

namespace identity {

void Readiness::Attach(grpc::HealthCheckServiceInterface* health) {
  absl::MutexLock lock(&mu_);
  healths_.push_back(health);
  health->SetServingStatus(kLivenessService, true);
  PublishLocked(health);
}

void Readiness::Detach(grpc::HealthCheckServiceInterface* health) {
  absl::MutexLock lock(&mu_);
  healths_.erase(std::remove(healths_.begin(), healths_.end(), health),
                 healths_.end());
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
  for (grpc::HealthCheckServiceInterface* health : healths_) {
    PublishLocked(health);
  }
}

void Readiness::PublishLocked(grpc::HealthCheckServiceInterface* health) {
  const bool ready = ReadyLocked();
  health->SetServingStatus("", ready);
  health->SetServingStatus(kReadinessService, ready);
  for (const std::string& service : services_) {
    health->SetServingStatus(service, ready);
  }
}

}  // namespace identity
