#include "tests/e2e/test_certificates.h"

#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace identity::testing {
namespace {

void RunOrDie(const std::string& command) {
  const std::string quiet = absl::StrCat(command, " >/dev/null 2>&1");
  if (std::system(quiet.c_str()) != 0) {
    std::cerr << "test certificates: failed: " << command << "\n";
    std::abort();
  }
}

std::string Quoted(const std::filesystem::path& path) {
  return absl::StrCat("'", path.string(), "'");
}

constexpr char kNewKey[] =
    "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";

}  // namespace

TestCertificateAuthority::TestCertificateAuthority(
    std::filesystem::path directory, std::string name)
    : directory_(std::move(directory)),
      name_(std::move(name)),
      cert_path_((directory_ / (name_ + ".crt")).string()),
      key_path_((directory_ / (name_ + ".key")).string()) {
  RunOrDie(absl::StrCat(kNewKey, " -x509 -days 2 -subj /CN=", name_,
                        " -keyout ", Quoted(key_path_), " -out ",
                        Quoted(cert_path_)));
}

CertificateFiles TestCertificateAuthority::Issue(
    const std::string& name) const {
  const std::filesystem::path stem = directory_ / (name_ + "-" + name);
  CertificateFiles files{stem.string() + ".crt", stem.string() + ".key"};
  const std::string request = stem.string() + ".csr";
  const std::string extensions = stem.string() + ".ext";
  std::ofstream(extensions) << "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                               "basicConstraints=CA:FALSE\n"
                               "extendedKeyUsage=serverAuth,clientAuth\n";
  RunOrDie(absl::StrCat(kNewKey, " -subj /CN=", name, " -keyout ",
                        Quoted(files.key_path), " -out ", Quoted(request)));
  RunOrDie(absl::StrCat("openssl x509 -req -days 2 -in ", Quoted(request),
                        " -CA ", Quoted(cert_path_), " -CAkey ",
                        Quoted(key_path_), " -CAcreateserial -extfile ",
                        Quoted(extensions), " -out ", Quoted(files.cert_path)));
  return files;
}

std::shared_ptr<grpc::ChannelCredentials>
TestCertificateAuthority::ChannelCredentials(
    const CertificateFiles* client) const {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFileOrDie(cert_path_);
  if (client != nullptr) {
    ssl.pem_cert_chain = ReadFileOrDie(client->cert_path);
    ssl.pem_private_key = ReadFileOrDie(client->key_path);
  }
  return grpc::SslCredentials(ssl);
}

std::filesystem::path NewCertificateDirectory(const std::string& prefix) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::cerr << "cannot make a directory like " << pattern << "\n";
    std::abort();
  }
  return pattern;
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "cannot read " << path << "\n";
    std::abort();
  }
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

void ReplaceFile(const std::string& from, const std::string& to) {
  const std::string staged = to + ".new";
  std::filesystem::copy_file(from, staged,
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::rename(staged, to);
}

}  // namespace identity::testing
