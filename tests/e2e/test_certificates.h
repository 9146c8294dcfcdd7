// Certificates made at test time with the openssl command: a CA, and
// certificates it signs for 127.0.0.1 and localhost, usable by servers and
// clients alike. Nothing is checked in, so nothing expires in the tree.
//
//   TestCertificateAuthority ca(directory, "ca1");
//   CertificateFiles server = ca.Issue("server");
//   options.server.tls_cert_path = server.cert_path;  // key_path likewise
//   auto credentials = ca.ChannelCredentials();       // trusts ca1 only
#ifndef IDENTITY_TESTS_E2E_TEST_CERTIFICATES_H_
#define IDENTITY_TESTS_E2E_TEST_CERTIFICATES_H_

#include <grpcpp/security/credentials.h>

#include <filesystem>
#include <memory>
#include <string>

namespace identity::testing {

struct CertificateFiles {
  std::string cert_path;
  std::string key_path;
};

class TestCertificateAuthority {
 public:
  // A new CA named `name`, its files in `directory` (which must exist).
  // Ends the test binary if openssl fails.
  TestCertificateAuthority(std::filesystem::path directory, std::string name);

  const std::string& cert_path() const { return cert_path_; }

  // A new key and a certificate for it, signed by this CA, for
  // DNS:localhost and IP:127.0.0.1, for server and client authentication.
  CertificateFiles Issue(const std::string& name) const;

  // TLS credentials that trust this CA only, presenting `client` if set.
  std::shared_ptr<grpc::ChannelCredentials> ChannelCredentials(
      const CertificateFiles* client = nullptr) const;

 private:
  std::filesystem::path directory_;
  std::string name_;
  std::string cert_path_;
  std::string key_path_;
};

// A new empty directory for a test's certificates, under the system's
// temporary directory, named after `prefix`; ends the test binary if none
// can be made.
std::filesystem::path NewCertificateDirectory(const std::string& prefix);

// The contents of `path`; ends the test binary if it cannot be read.
std::string ReadFileOrDie(const std::string& path);

// Replaces `to` with a copy of `from` in one rename, so that a watcher never
// reads half a file.
void ReplaceFile(const std::string& from, const std::string& to);

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_E2E_TEST_CERTIFICATES_H_
