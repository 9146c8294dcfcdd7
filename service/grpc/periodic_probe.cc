#include "service/grpc/periodic_probe.h"

namespace identity {

PeriodicProbe::PeriodicProbe(Check check, absl::Duration interval,
                             Report report)
    : check_(std::move(check)),
      interval_(interval),
      report_(std::move(report)),
      thread_([this] { Run(); }) {}

PeriodicProbe::~PeriodicProbe() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void PeriodicProbe::Run() {
  while (true) {
    report_(check_());
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval_);
    if (stopping_) return;
  }
}

}  // namespace identity
