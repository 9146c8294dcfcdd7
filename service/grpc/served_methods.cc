#include "service/grpc/served_methods.h"

#include "absl/strings/str_cat.h"
#include "envoy/service/auth/v3/external_auth.pb.h"
#include "google/protobuf/descriptor.h"
#include "identity/v1/access_key_service.pb.h"
#include "identity/v1/audit_service.pb.h"
#include "identity/v1/org_service.pb.h"
#include "identity/v1/tenant_service.pb.h"
#include "identity/v1/user_service.pb.h"

namespace identity {
namespace {

using google::protobuf::FileDescriptor;
using google::protobuf::ServiceDescriptor;

// The files of the identity.v1 services, each through a message of its
// own: naming a message is what links its file's descriptors in.
std::vector<const FileDescriptor*> IdentityServiceFiles() {
  return {v1::CreateOrgRequest::descriptor()->file(),
          v1::CreateTenantRequest::descriptor()->file(),
          v1::GetUserInfoRequest::descriptor()->file(),
          v1::CreateAccessKeyRequest::descriptor()->file(),
          v1::ListAuditEventsRequest::descriptor()->file()};
}

std::vector<const ServiceDescriptor*> ServedServices() {
  std::vector<const ServiceDescriptor*> services;
  for (const FileDescriptor* file : IdentityServiceFiles()) {
    for (int i = 0; i < file->service_count(); ++i) {
      services.push_back(file->service(i));
    }
  }
  services.push_back(envoy::service::auth::v3::CheckRequest::descriptor()
                         ->file()
                         ->FindServiceByName("Authorization"));
  return services;
}

}  // namespace

const std::vector<std::string>& IdentityServiceNames() {
  static const auto* const names = [] {
    auto* names = new std::vector<std::string>;
    for (const FileDescriptor* file : IdentityServiceFiles()) {
      for (int i = 0; i < file->service_count(); ++i) {
        names->push_back(file->service(i)->full_name());
      }
    }
    return names;
  }();
  return *names;
}

const absl::flat_hash_set<std::string>& ServedMethods() {
  static const auto* const methods = [] {
    auto* methods = new absl::flat_hash_set<std::string>;
    for (const ServiceDescriptor* service : ServedServices()) {
      for (int i = 0; i < service->method_count(); ++i) {
        methods->insert(absl::StrCat("/", service->full_name(), "/",
                                     service->method(i)->name()));
      }
    }
    return methods;
  }();
  return *methods;
}

}  // namespace identity
