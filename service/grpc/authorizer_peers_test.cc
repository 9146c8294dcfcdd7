#include "service/grpc/authorizer_peers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/status_matchers.h"

namespace identity {
namespace {

using ::testing::HasSubstr;

// A connection's AuthContext: a verified certificate naming `identities`,
// or no certificate when there are none.
class FakeAuthContext : public grpc::AuthContext {
 public:
  explicit FakeAuthContext(std::vector<std::string> identities = {})
      : identities_(std::move(identities)) {}

  bool IsPeerAuthenticated() const override { return !identities_.empty(); }
  std::vector<grpc::string_ref> GetPeerIdentity() const override {
    return {identities_.begin(), identities_.end()};
  }
  std::string GetPeerIdentityPropertyName() const override {
    return identities_.empty() ? "" : "x509_subject_alternative_name";
  }
  std::vector<grpc::string_ref> FindPropertyValues(
      const std::string& name) const override {
    if (name != GetPeerIdentityPropertyName()) return {};
    return GetPeerIdentity();
  }
  grpc::AuthPropertyIterator begin() const override { return NoProperty(); }
  grpc::AuthPropertyIterator end() const override { return NoProperty(); }
  void AddProperty(const std::string&, const grpc::string_ref&) override {}
  bool SetPeerIdentityPropertyName(const std::string&) override {
    return false;
  }

 private:
  // AuthPropertyIterator's empty constructor is for subclasses.
  struct NoProperty : grpc::AuthPropertyIterator {};

  std::vector<std::string> identities_;
};

TEST(AuthorizerPeersTest, TheDefaultAdmitsLoopbackOnly) {
  absl::StatusOr<AuthorizerPeers> peers =
      AuthorizerPeers::Parse(kDefaultAuthorizerPeers, "");
  ASSERT_THAT(peers, IsOk());
  const FakeAuthContext plaintext;

  EXPECT_TRUE(peers->Admits("ipv4:127.0.0.1:41000", plaintext));
  EXPECT_TRUE(peers->Admits("ipv6:[::1]:41000", plaintext));
  EXPECT_TRUE(peers->Admits("ipv6:[::ffff:127.0.0.1]:41000", plaintext));
  // Istio's inbound sidecar connects from 127.0.0.6 on everyone's behalf.
  EXPECT_FALSE(peers->Admits("ipv4:127.0.0.6:41000", plaintext));
  EXPECT_FALSE(peers->Admits("ipv4:10.0.0.9:41000", plaintext));
  EXPECT_FALSE(peers->Admits("unix:/run/identity.sock", plaintext));
}

TEST(AuthorizerPeersTest, AdmitsTheListedRanges) {
  absl::StatusOr<AuthorizerPeers> peers =
      AuthorizerPeers::Parse(" 10.0.0.0/8 , fd00::/8,", "");
  ASSERT_THAT(peers, IsOk());
  const FakeAuthContext plaintext;

  EXPECT_TRUE(peers->Admits("ipv4:10.3.2.1:5000", plaintext));
  EXPECT_TRUE(peers->Admits("ipv6:[fd00::9]:5000", plaintext));
  EXPECT_FALSE(peers->Admits("ipv4:127.0.0.1:5000", plaintext));
}

TEST(AuthorizerPeersTest, AdmitsAVerifiedCertificateOfAListedIdentity) {
  const std::string ingress =
      "spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway";
  absl::StatusOr<AuthorizerPeers> peers = AuthorizerPeers::Parse("", ingress);
  ASSERT_THAT(peers, IsOk());

  EXPECT_TRUE(peers->Admits("ipv4:10.3.2.1:5000",
                            FakeAuthContext({"ingress.local", ingress})));
  EXPECT_FALSE(peers->Admits(
      "ipv4:10.3.2.1:5000",
      FakeAuthContext({"spiffe://cluster.local/ns/default/sa/web"})));
  EXPECT_FALSE(peers->Admits("ipv4:10.3.2.1:5000", FakeAuthContext()));
}

TEST(AuthorizerPeersTest, NoneListedAdmitsNobody) {
  absl::StatusOr<AuthorizerPeers> peers = AuthorizerPeers::Parse("", "");
  ASSERT_THAT(peers, IsOk());

  EXPECT_FALSE(peers->Admits("ipv4:127.0.0.1:5000", FakeAuthContext()));
  EXPECT_FALSE(
      peers->Admits("ipv4:127.0.0.1:5000", FakeAuthContext({"anyone"})));
}

TEST(AuthorizerPeersTest, AMalformedRangeIsRefusedNamingTheFlag) {
  EXPECT_THAT(AuthorizerPeers::Parse("10.0.0.0/8,envoy.local", ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("--ext_authz_allowed_peers")));
}

}  // namespace
}  // namespace identity
