#include "service/grpc/ext_authz_translation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "base/status_matchers.h"
#include "service/auth/role_catalog.h"

namespace identity {
namespace {

using envoy::service::auth::v3::CheckRequest;
using envoy::service::auth::v3::CheckResponse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

CheckRequest RequestWithHeaders(
    const std::map<std::string, std::string>& headers) {
  CheckRequest request;
  auto* http = request.mutable_attributes()->mutable_request()->mutable_http();
  for (const auto& [name, value] : headers) {
    (*http->mutable_headers())[name] = value;
  }
  request.mutable_attributes()
      ->mutable_source()
      ->mutable_address()
      ->mutable_socket_address()
      ->set_address("10.0.0.7");
  return request;
}

std::shared_ptr<const UserPrincipal> UserWithRoles(
    const std::string& id, const std::vector<std::string>& roles) {
  auto user = std::make_shared<UserPrincipal>();
  user->id = id;
  user->org_id = "acme";
  user->tenant_id = "acme-us";
  user->roles = roles;
  user->role_permissions = RoleCatalog::PermissionsOf(roles);
  return user;
}

CallContext CallOf(std::shared_ptr<const UserPrincipal> user) {
  auto holder = std::make_shared<KeyPrincipal>();
  holder->permissions = user->role_permissions;
  holder->owner = std::move(user);
  CallContext call;
  call.key_holder = std::move(holder);
  return call;
}

// The headers an allowed response sets, by name.
std::map<std::string, std::string> HeadersSet(const CheckResponse& response) {
  std::map<std::string, std::string> headers;
  for (const auto& option : response.ok_response().headers()) {
    EXPECT_EQ(
        option.append_action(),
        envoy::config::core::v3::HeaderValueOption::OVERWRITE_IF_EXISTS_OR_ADD)
        << option.header().key();
    headers[option.header().key()] = option.header().value();
  }
  return headers;
}

constexpr char kEnvoyPeer[] = "ipv4:127.0.0.1:41000";

TEST(CredentialsOfCheckTest, ReadsTheKeyAndImpersonationFromHttpHeaders) {
  const CheckRequest request =
      RequestWithHeaders({{"authorization", "Bearer idk_abc"},
                          {"x-impersonate-user", "jack@acme.com"},
                          {"x-other", "ignored"}});

  const absl::StatusOr<CallCredentials> credentials =
      CredentialsOfCheck(request, kEnvoyPeer);

  ASSERT_THAT(credentials, IsOk());
  EXPECT_THAT(credentials->authorization, ElementsAre("Bearer idk_abc"));
  EXPECT_THAT(credentials->impersonate, ElementsAre("jack@acme.com"));
  EXPECT_EQ(credentials->method, kExtAuthzCheckMethod);
}

// The call's own peer is the authorizer; the address it names is a claim,
// kept apart, and in one spelling per address.
TEST(CredentialsOfCheckTest, TheSourceAddressIsAClaimNotThePeer) {
  CheckRequest request = RequestWithHeaders({});
  request.mutable_attributes()
      ->mutable_source()
      ->mutable_address()
      ->mutable_socket_address()
      ->set_address("2001:DB8:0:0::7");

  const absl::StatusOr<CallCredentials> credentials =
      CredentialsOfCheck(request, kEnvoyPeer);

  ASSERT_THAT(credentials, IsOk());
  EXPECT_EQ(credentials->peer, kEnvoyPeer);
  EXPECT_EQ(credentials->claimed_address, "2001:db8::7");
}

TEST(CredentialsOfCheckTest, ASourceAddressThatIsNoIpIsRefused) {
  for (const std::string& address :
       {std::string(3 << 20, '1'), std::string("10.0.0.7:8080"),
        std::string("client.example.com"), std::string(46, ':')}) {
    CheckRequest request = RequestWithHeaders({});
    request.mutable_attributes()
        ->mutable_source()
        ->mutable_address()
        ->mutable_socket_address()
        ->set_address(address);

    EXPECT_THAT(CredentialsOfCheck(request, kEnvoyPeer),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr(kSourceAddressField)))
        << address.substr(0, 64);
  }
}

TEST(CredentialsOfCheckTest, ReadsRawHeaderMapToo) {
  CheckRequest request;
  auto* header = request.mutable_attributes()
                     ->mutable_request()
                     ->mutable_http()
                     ->mutable_header_map()
                     ->add_headers();
  header->set_key("authorization");
  header->set_raw_value("Bearer idk_raw");

  const absl::StatusOr<CallCredentials> credentials =
      CredentialsOfCheck(request, kEnvoyPeer);

  ASSERT_THAT(credentials, IsOk());
  EXPECT_THAT(credentials->authorization, ElementsAre("Bearer idk_raw"));
  EXPECT_EQ(credentials->claimed_address, "");
}

TEST(CredentialsOfCheckTest, NoHeadersMeansNoCredentials) {
  const absl::StatusOr<CallCredentials> credentials =
      CredentialsOfCheck(CheckRequest(), kEnvoyPeer);

  ASSERT_THAT(credentials, IsOk());
  EXPECT_THAT(credentials->authorization, IsEmpty());
  EXPECT_THAT(credentials->impersonate, IsEmpty());
}

TEST(RequestIdOfCheckTest, ReadsHttpHeadersThenTheRawHeaderMap) {
  EXPECT_EQ(RequestIdOfCheck(RequestWithHeaders({{"x-request-id", "abc-1"}})),
            "abc-1");

  CheckRequest raw;
  auto* headers = raw.mutable_attributes()
                      ->mutable_request()
                      ->mutable_http()
                      ->mutable_header_map();
  auto* other = headers->add_headers();
  other->set_key("x-other");
  other->set_value("ignored");
  auto* id = headers->add_headers();
  id->set_key("x-request-id");
  id->set_raw_value("raw-2");
  EXPECT_EQ(RequestIdOfCheck(raw), "raw-2");

  EXPECT_EQ(RequestIdOfCheck(CheckRequest()), "");
}

TEST(CheckResponseOfTest, AllowedCallerBecomesHeadersForTheUpstream) {
  const CheckRequest request = RequestWithHeaders({});

  absl::StatusOr<CheckResponse> response =
      CheckResponseOf(CallOf(UserWithRoles("jack@acme.com", {"trial-user"})),
                      request, ExtAuthzOptions{});

  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->status().code(), 0);
  ASSERT_TRUE(response->has_ok_response());
  EXPECT_EQ(HeadersSet(*response),
            (std::map<std::string, std::string>{
                {"x-identity-user-id", "jack@acme.com"},
                {"x-identity-org-id", "acme"},
                {"x-identity-tenant-id", "acme-us"},
                {"x-identity-roles", "trial-user"},
                {"x-identity-permissions",
                 "read:databases,read:liked-queries,read:semantic-context,"
                 "self:access_keys,self:config"}}));
  EXPECT_THAT(
      response->ok_response().headers_to_remove(),
      UnorderedElementsAre("x-identity-impersonator-id", "authorization"));
}

TEST(CheckResponseOfTest, KeepsAuthorizationWhenNotConfiguredToStrip) {
  ExtAuthzOptions options;
  options.strip_authorization = false;

  absl::StatusOr<CheckResponse> response = CheckResponseOf(
      CallOf(UserWithRoles("u1", {"user"})), RequestWithHeaders({}), options);

  ASSERT_THAT(response, IsOk());
  EXPECT_THAT(response->ok_response().headers_to_remove(),
              ElementsAre("x-identity-impersonator-id"));
}

TEST(CheckResponseOfTest, ImpersonationNamesTheImpersonator) {
  CallContext call = CallOf(UserWithRoles("boss", {"org-admin-user"}));
  call.impersonated = UserWithRoles("target", {"user"});

  absl::StatusOr<CheckResponse> response =
      CheckResponseOf(call, RequestWithHeaders({}), ExtAuthzOptions{});

  ASSERT_THAT(response, IsOk());
  const std::map<std::string, std::string> headers = HeadersSet(*response);
  EXPECT_EQ(headers.at("x-identity-user-id"), "target");
  EXPECT_EQ(headers.at("x-identity-impersonator-id"), "boss");
  EXPECT_THAT(response->ok_response().headers_to_remove(),
              ElementsAre("authorization"));
}

TEST(CheckResponseOfTest, RequiredPermissionsAdmitOnlyTheirHolders) {
  CheckRequest request = RequestWithHeaders({});
  (*request.mutable_attributes()
        ->mutable_context_extensions())["required_permission"] =
      "read:databases, write:databases";

  absl::StatusOr<CheckResponse> holder = CheckResponseOf(
      CallOf(UserWithRoles("u1", {"user"})), request, ExtAuthzOptions{});
  absl::StatusOr<CheckResponse> lacking = CheckResponseOf(
      CallOf(UserWithRoles("u2", {"trial-user"})), request, ExtAuthzOptions{});

  ASSERT_THAT(holder, IsOk());
  EXPECT_TRUE(holder->has_ok_response());
  ASSERT_THAT(lacking, IsOk());
  ASSERT_TRUE(lacking->has_denied_response());
  EXPECT_EQ(lacking->denied_response().status().code(),
            envoy::type::v3::Forbidden);
  EXPECT_EQ(lacking->status().code(),
            static_cast<int>(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(lacking->denied_response().body(),
            R"({"error":"permission_denied"})");
}

TEST(CheckResponseOfTest, UnknownRequiredPermissionAdmitsNobody) {
  CheckRequest request = RequestWithHeaders({});
  (*request.mutable_attributes()
        ->mutable_context_extensions())["required_permission"] = "write:moon";

  absl::StatusOr<CheckResponse> response =
      CheckResponseOf(CallOf(UserWithRoles("root", {"super-admin-user"})),
                      request, ExtAuthzOptions{});

  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->denied_response().status().code(),
            envoy::type::v3::Forbidden);
}

TEST(CheckResponseOfTest, RefusalsBecomeHttpStatusesWithoutDetail) {
  struct Case {
    absl::Status decision;
    envoy::type::v3::StatusCode http;
    const char* body;
  };
  for (const Case& c : {
           Case{absl::UnauthenticatedError("invalid access key"),
                envoy::type::v3::Unauthorized,
                R"({"error":"unauthenticated"})"},
           Case{absl::PermissionDeniedError("may not impersonate ghost"),
                envoy::type::v3::Forbidden, R"({"error":"permission_denied"})"},
           Case{absl::InvalidArgumentError("x-impersonate-user is malformed"),
                envoy::type::v3::BadRequest, R"({"error":"invalid_argument"})"},
       }) {
    absl::StatusOr<CheckResponse> response =
        CheckResponseOf(c.decision, RequestWithHeaders({}), ExtAuthzOptions{});

    ASSERT_THAT(response, IsOk()) << c.decision;
    ASSERT_TRUE(response->has_denied_response()) << c.decision;
    EXPECT_EQ(response->status().code(), static_cast<int>(c.decision.code()));
    EXPECT_EQ(response->denied_response().status().code(), c.http);
    EXPECT_EQ(response->denied_response().body(), c.body);
  }
}

TEST(CheckResponseOfTest, InfrastructureErrorsFailTheCheckCall) {
  EXPECT_THAT(CheckResponseOf(absl::UnavailableError("database down"),
                              RequestWithHeaders({}), ExtAuthzOptions{}),
              StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace identity
