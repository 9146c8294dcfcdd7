#include "client/cli/global_options.h"

#include <cmath>
#include <utility>

#include "absl/strings/numbers.h"

namespace identity::cli {

std::vector<FlagSpec> GlobalFlags() {
  return {Flag("endpoint", "HOST:PORT"),
          Flag("key", "KEY"),
          Flag("as", "USER"),
          Flag("timeout", "SECONDS"),
          Flag("tls_ca", "FILE"),
          Flag("tls_cert", "FILE"),
          Flag("tls_key", "FILE"),
          Switch("help")};
}

absl::StatusOr<GlobalOptions> ReadGlobalOptions(const ParsedArguments& args,
                                                GlobalOptions defaults) {
  GlobalOptions options = std::move(defaults);
  if (auto endpoint = args.Value("endpoint")) {
    options.client.endpoint = *endpoint;
  }
  if (auto key = args.Value("key")) {
    options.client.access_key = *key;
  }
  if (auto user = args.Value("as")) {
    options.impersonate_user = *user;
  }
  if (auto path = args.Value("tls_ca")) options.tls.ca_path = *path;
  if (auto path = args.Value("tls_cert")) options.tls.cert_path = *path;
  if (auto path = args.Value("tls_key")) options.tls.key_path = *path;
  if (auto timeout = args.Value("timeout")) {
    double seconds = 0;
    if (!absl::SimpleAtod(*timeout, &seconds) || !std::isfinite(seconds) ||
        seconds <= 0) {
      return absl::InvalidArgumentError(
          "--timeout is not a positive number of seconds");
    }
    options.client.timeout = absl::Seconds(seconds);
  }
  if (options.client.endpoint.empty()) {
    return absl::InvalidArgumentError(
        "no endpoint: pass --endpoint or set IDENTITY_ENDPOINT");
  }
  if (options.client.access_key.empty()) {
    return absl::InvalidArgumentError(
        "no access key: set IDENTITY_ACCESS_KEY or pass --key");
  }
  return options;
}

}  // namespace identity::cli
