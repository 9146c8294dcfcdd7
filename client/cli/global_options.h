// identityctl's global flags: where to connect, with which key, as whom, and
// how long to wait. Defaults come from the environment (see
// identityctl_main.cc); the flags override them.
//
//   GlobalOptions defaults;  // endpoint and key from IDENTITY_* variables
//   ASSIGN_OR_RETURN(GlobalOptions options, ReadGlobalOptions(args, defaults));
//   Client::Create(options.client);
#ifndef IDENTITY_CLIENT_CLI_GLOBAL_OPTIONS_H_
#define IDENTITY_CLIENT_CLI_GLOBAL_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/cli/argument_parser.h"
#include "client/client_options.h"
#include "client/tls_credentials.h"

namespace identity::cli {

struct GlobalOptions {
  ClientOptions client;
  // From --as; empty for no impersonation.
  std::string impersonate_user;
  // From --tls_ca, --tls_cert, --tls_key; read when the client is made, so
  // that parsing does no I/O.
  ClientTlsFiles tls;
};

// --endpoint, --key, --as, --timeout, --tls_ca, --tls_cert, --tls_key and
// --help.
std::vector<FlagSpec> GlobalFlags();

// `defaults` overridden by the global flags in `args`. INVALID_ARGUMENT for a
// timeout that is not a positive number of seconds, an empty endpoint, or no
// access key at all (neither --key nor the environment gave one).
absl::StatusOr<GlobalOptions> ReadGlobalOptions(const ParsedArguments& args,
                                                GlobalOptions defaults);

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_GLOBAL_OPTIONS_H_
