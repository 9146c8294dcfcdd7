// identityctl's command-line grammar and its hand-written parser: the words
// after the program name become positional arguments and --flags, knowing
// only which flags exist and which of them take a value.
//
//   absl::StatusOr<ParsedArguments> args =
//       ParseArguments(known_flags, {"org", "delete", "o1", "--force"});
//   // args->positionals == {"org", "delete", "o1"}; args->Has("force")
#ifndef IDENTITY_CLIENT_CLI_ARGUMENT_PARSER_H_
#define IDENTITY_CLIENT_CLI_ARGUMENT_PARSER_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace identity::cli {

// One --flag. A flag means the same in every command that accepts it.
struct FlagSpec {
  // Without the leading "--", e.g. "page-size".
  std::string name;
  // What the value is, for usage text, e.g. "JSON". Empty for a switch such
  // as --force, which takes no value.
  std::string value_name;
  bool required = false;
  // May be given several times, e.g. --set K=V --set K2=V2.
  bool repeated = false;

  bool takes_value() const { return !value_name.empty(); }
};

// Shorthands that keep command tables readable.
inline FlagSpec Flag(std::string name, std::string value_name) {
  return FlagSpec{std::move(name), std::move(value_name), false, false};
}
inline FlagSpec RequiredFlag(std::string name, std::string value_name) {
  return FlagSpec{std::move(name), std::move(value_name), true, false};
}
inline FlagSpec RepeatedFlag(std::string name, std::string value_name) {
  return FlagSpec{std::move(name), std::move(value_name), false, true};
}
inline FlagSpec Switch(std::string name) {
  return FlagSpec{std::move(name), "", false, false};
}

// How many positional arguments a command takes.
enum class Arity { kNone, kOne, kOneOrMore };

// What a command accepts after "<resource> <verb>".
struct ArgumentSpec {
  Arity arity = Arity::kNone;
  // For usage text, e.g. "ID" or "NAME".
  std::string positional_name;
  std::vector<FlagSpec> flags;
};

// The result of parsing: positional words in order, and each flag given with
// its values in order (a switch has one empty value).
struct ParsedArguments {
  std::vector<std::string> positionals;
  std::map<std::string, std::vector<std::string>, std::less<>> flags;

  bool Has(absl::string_view flag) const;
  // The value of a flag given once; nullopt when not given.
  std::optional<std::string> Value(absl::string_view flag) const;
  // Every value of a repeated flag; empty when not given.
  std::vector<std::string> Values(absl::string_view flag) const;
};

// Splits `words` into positionals and flags. A flag's value follows as
// "--name VALUE" or "--name=VALUE"; "--" ends the flags; "-h" is "--help".
// INVALID_ARGUMENT for a flag not in `known_flags`, a missing value, a value
// given to a switch, or a non-repeated flag given twice. Error messages name
// flags but never repeat their values, which may be secrets.
absl::StatusOr<ParsedArguments> ParseArguments(
    absl::Span<const FlagSpec> known_flags,
    absl::Span<const std::string> words);

// Checks parsed arguments against one command: the number of positionals,
// the required flags, and that every flag given is in `spec` or in
// `always_allowed` (the global flags). INVALID_ARGUMENT otherwise.
absl::Status CheckArguments(const ArgumentSpec& spec,
                            absl::Span<const FlagSpec> always_allowed,
                            const ParsedArguments& args);

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_ARGUMENT_PARSER_H_
