// identityctl: a command-line client of the identity service, one command per
// RPC, printing each response as JSON.
//
//   export IDENTITY_ACCESS_KEY=...
//   identityctl org create acme --name "Acme Corp"
//   identityctl --as jack@acme.com user info
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "client/cli/exit_code.h"
#include "client/cli/invocation.h"
#include "client/cli/response_output.h"
#include "client/client.h"
#include "client/tls_credentials.h"

namespace identity::cli {
namespace {

GlobalOptions DefaultsFromEnvironment() {
  GlobalOptions defaults;
  const char* endpoint = std::getenv("IDENTITY_ENDPOINT");
  defaults.client.endpoint = endpoint != nullptr ? endpoint : "127.0.0.1:50051";
  if (const char* key = std::getenv("IDENTITY_ACCESS_KEY")) {
    defaults.client.access_key = key;
  }
  if (const char* path = std::getenv("IDENTITY_TLS_CA")) {
    defaults.tls.ca_path = path;
  }
  if (const char* path = std::getenv("IDENTITY_TLS_CLIENT_CERT")) {
    defaults.tls.cert_path = path;
  }
  if (const char* path = std::getenv("IDENTITY_TLS_CLIENT_KEY")) {
    defaults.tls.key_path = path;
  }
  return defaults;
}

int Run(const std::vector<std::string>& words) {
  absl::StatusOr<Invocation> invocation =
      ParseInvocation(words, DefaultsFromEnvironment());
  if (!invocation.ok()) {
    std::cerr << FormatError(invocation.status()) << "\n";
    return kExitUsageError;
  }
  if (!invocation->help.empty()) {
    std::cout << invocation->help;
    return kExitSuccess;
  }
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      ChannelCredentialsFor(invocation->options.tls);
  if (!credentials.ok()) {
    std::cerr << FormatError(credentials.status()) << "\n";
    return kExitUsageError;
  }
  invocation->options.client.credentials = *std::move(credentials);
  absl::StatusOr<Client> client = Client::Create(invocation->options.client);
  if (!client.ok()) {
    std::cerr << FormatError(client.status()) << "\n";
    return kExitUsageError;
  }
  client->SetImpersonateUser(invocation->options.impersonate_user);
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> response =
      invocation->command->send(*client, *invocation->request);
  if (!response.ok()) {
    std::cerr << FormatError(response.status()) << "\n";
    return kExitCallFailed;
  }
  absl::StatusOr<std::string> json = FormatResponse(**response);
  if (!json.ok()) {
    std::cerr << FormatError(json.status()) << "\n";
    return kExitCallFailed;
  }
  std::cout << *json;
  return kExitSuccess;
}

}  // namespace
}  // namespace identity::cli

int main(int argc, char** argv) {
  return identity::cli::Run(std::vector<std::string>(argv + 1, argv + argc));
}
