#include "client/cli/argument_parser.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace identity::cli {
namespace {

const FlagSpec* FindFlag(absl::Span<const FlagSpec> flags,
                         absl::string_view name) {
  auto it =
      std::find_if(flags.begin(), flags.end(),
                   [name](const FlagSpec& flag) { return flag.name == name; });
  return it == flags.end() ? nullptr : &*it;
}

}  // namespace

bool ParsedArguments::Has(absl::string_view flag) const {
  return flags.find(flag) != flags.end();
}

std::optional<std::string> ParsedArguments::Value(
    absl::string_view flag) const {
  auto it = flags.find(flag);
  if (it == flags.end()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> ParsedArguments::Values(absl::string_view flag) const {
  auto it = flags.find(flag);
  if (it == flags.end()) return {};
  return it->second;
}

absl::StatusOr<ParsedArguments> ParseArguments(
    absl::Span<const FlagSpec> known_flags,
    absl::Span<const std::string> words) {
  ParsedArguments args;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--") {
      args.positionals.insert(args.positionals.end(), words.begin() + i + 1,
                              words.end());
      break;
    }
    if (word == "-h") {
      args.flags["help"].emplace_back();
      continue;
    }
    if (!absl::StartsWith(word, "--")) {
      args.positionals.push_back(word);
      continue;
    }
    absl::string_view name = absl::string_view(word).substr(2);
    std::optional<std::string> inline_value;
    if (size_t equals = name.find('='); equals != absl::string_view::npos) {
      inline_value = std::string(name.substr(equals + 1));
      name = name.substr(0, equals);
    }
    const FlagSpec* flag = FindFlag(known_flags, name);
    if (flag == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    if (args.Has(name) && !flag->repeated) {
      return absl::InvalidArgumentError(
          absl::StrCat("flag --", name, " given more than once"));
    }
    std::string value;
    if (!flag->takes_value()) {
      if (inline_value.has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat("flag --", name, " takes no value"));
      }
    } else if (inline_value.has_value()) {
      value = *std::move(inline_value);
    } else if (i + 1 < words.size()) {
      value = words[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "flag --", name, " needs a value: --", name, " ", flag->value_name));
    }
    args.flags[std::string(name)].push_back(std::move(value));
  }
  return args;
}

absl::Status CheckArguments(const ArgumentSpec& spec,
                            absl::Span<const FlagSpec> always_allowed,
                            const ParsedArguments& args) {
  for (const auto& [name, values] : args.flags) {
    if (FindFlag(spec.flags, name) == nullptr &&
        FindFlag(always_allowed, name) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("this command takes no flag --", name));
    }
  }
  const size_t count = args.positionals.size();
  switch (spec.arity) {
    case Arity::kNone:
      if (count > 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("unexpected argument '", args.positionals[0], "'"));
      }
      break;
    case Arity::kOne:
      if (count == 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("missing ", spec.positional_name));
      }
      if (count > 1) {
        return absl::InvalidArgumentError(
            absl::StrCat("unexpected argument '", args.positionals[1], "'"));
      }
      break;
    case Arity::kOneOrMore:
      if (count == 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("missing ", spec.positional_name));
      }
      break;
  }
  for (const FlagSpec& flag : spec.flags) {
    if (flag.required && !args.Has(flag.name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("missing required flag --", flag.name));
    }
  }
  return absl::OkStatus();
}

}  // namespace identity::cli
