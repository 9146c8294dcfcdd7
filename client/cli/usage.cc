#include "client/cli/usage.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/cli/command_table.h"

namespace identity::cli {
namespace {

constexpr absl::string_view kGlobalSynopsis =
    "identityctl [--endpoint HOST:PORT] [--key KEY] [--as USER] "
    "[--timeout SECONDS]\n"
    "            [--tls_ca FILE] [--tls_cert FILE --tls_key FILE]";

constexpr absl::string_view kGlobalFlagsHelp =
    R"(Global flags (also accepted after the command):
  --endpoint HOST:PORT  the server; default $IDENTITY_ENDPOINT, else
                        127.0.0.1:50051
  --key KEY             the access key; default $IDENTITY_ACCESS_KEY. Prefer
                        the variable: other users can see command lines
  --as USER             run the call as USER (needs usage:impersonation)
  --timeout SECONDS     the call's deadline; default 10
  --tls_ca FILE         speak TLS, verifying the server with this PEM CA
                        bundle; default $IDENTITY_TLS_CA. Without any --tls_*
                        flag: plaintext
  --tls_cert FILE       client certificate (PEM) for servers that require one
                        (mTLS), with --tls_key; default
                        $IDENTITY_TLS_CLIENT_CERT (the system's roots verify
                        the server when --tls_ca is not given)
  --tls_key FILE        the client certificate's private key; default
                        $IDENTITY_TLS_CLIENT_KEY
)";

constexpr absl::string_view kOutputHelp =
    R"(Output: the response as JSON on stdout ({} when there is none).
Exit status: 0 success; 1 the call failed, with "error: CODE (REASON): message"
on stderr (the reason only when it says more than the code, then the bad
fields as (fields: ...) when the server named any); 2 usage error, reported
the same way.
)";

std::string FlagSynopsis(const FlagSpec& flag) {
  std::string text = absl::StrCat("--", flag.name);
  if (flag.takes_value()) absl::StrAppend(&text, " ", flag.value_name);
  if (flag.repeated) absl::StrAppend(&text, " ...");
  return flag.required ? text : absl::StrCat("[", text, "]");
}

std::string CommandList(absl::string_view resource_or_all) {
  std::string text;
  for (const Command& command : AllCommands()) {
    if (resource_or_all.empty() || command.resource == resource_or_all) {
      absl::StrAppend(&text, "  ", Synopsis(command), "\n      ",
                      command.summary, "\n");
    }
  }
  return text;
}

}  // namespace

std::string Synopsis(const Command& command) {
  std::string text = absl::StrCat(command.resource, " ", command.verb);
  const ArgumentSpec& spec = command.arguments;
  switch (spec.arity) {
    case Arity::kNone:
      break;
    case Arity::kOne:
      absl::StrAppend(&text, " ", spec.positional_name);
      break;
    case Arity::kOneOrMore:
      absl::StrAppend(&text, " ", spec.positional_name, "...");
      break;
  }
  for (const FlagSpec& flag : spec.flags) {
    absl::StrAppend(&text, " ", FlagSynopsis(flag));
  }
  return text;
}

std::string GeneralUsage() {
  return absl::StrCat("usage: ", kGlobalSynopsis,
                      "\n         <resource> <verb> [args] [--flags]\n\n",
                      "Resources: ", absl::StrJoin(Resources(), ", "),
                      ". 'identityctl <resource> --help' shows one.\n\n",
                      "Commands:\n", CommandList(""), "\n", kGlobalFlagsHelp,
                      "\n", kOutputHelp);
}

std::string ResourceUsage(absl::string_view resource) {
  return absl::StrCat("usage: ", kGlobalSynopsis, " ", resource,
                      " <verb> ...\n\nCommands:\n", CommandList(resource), "\n",
                      kGlobalFlagsHelp);
}

}  // namespace identity::cli
