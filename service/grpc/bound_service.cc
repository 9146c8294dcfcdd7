#include "service/grpc/bound_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace identity {

absl::Status BoundService::RequireEveryMethodBound() const {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          service_full_name_);
  if (service == nullptr) {
    return absl::InternalError(
        absl::StrCat("no proto service ", service_full_name_));
  }
  for (int i = 0; i < service->method_count(); ++i) {
    const std::string& name = service->method(i)->name();
    if (std::find(bound_methods_.begin(), bound_methods_.end(), name) ==
        bound_methods_.end()) {
      return absl::InternalError(
          absl::StrCat(service_full_name_, "/", name, " is not bound"));
    }
  }
  for (const std::string& name : bound_methods_) {
    if (service->FindMethodByName(name) == nullptr) {
      return absl::InternalError(
          absl::StrCat(service_full_name_, " has no method ", name));
    }
  }
  return absl::OkStatus();
}

}  // namespace identity
