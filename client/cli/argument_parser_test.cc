#include "client/cli/argument_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/status_matchers.h"

namespace identity::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<FlagSpec> kFlags = {Flag("name", "NAME"), Switch("force"),
                                      RepeatedFlag("set", "KEY=VALUE"),
                                      Switch("help"), Flag("key", "KEY")};

absl::StatusOr<ParsedArguments> Parse(std::vector<std::string> words) {
  return ParseArguments(kFlags, words);
}

TEST(ParseArgumentsTest, SplitsPositionalsAndFlagsInBothValueForms) {
  absl::StatusOr<ParsedArguments> args =
      Parse({"org", "--name", "Acme Corp", "create", "--key=a=b", "acme"});

  ASSERT_THAT(args, IsOk());
  EXPECT_THAT(args->positionals, ElementsAre("org", "create", "acme"));
  EXPECT_EQ(args->Value("name"), "Acme Corp");
  EXPECT_EQ(args->Value("key"), "a=b");
  EXPECT_FALSE(args->Has("force"));
  EXPECT_EQ(args->Value("force"), std::nullopt);
}

TEST(ParseArgumentsTest, SwitchDoesNotConsumeTheNextWord) {
  absl::StatusOr<ParsedArguments> args = Parse({"--force", "acme"});

  ASSERT_THAT(args, IsOk());
  EXPECT_TRUE(args->Has("force"));
  EXPECT_THAT(args->positionals, ElementsAre("acme"));
}

TEST(ParseArgumentsTest, ValueMayStartWithDashesOrBeEmpty) {
  absl::StatusOr<ParsedArguments> args = Parse({"--name", "--x", "--key="});

  ASSERT_THAT(args, IsOk());
  EXPECT_EQ(args->Value("name"), "--x");
  EXPECT_EQ(args->Value("key"), "");
}

TEST(ParseArgumentsTest, RepeatedFlagKeepsEveryValueInOrder) {
  absl::StatusOr<ParsedArguments> args =
      Parse({"--set", "a=1", "--set=b=2", "--set", "a=3"});

  ASSERT_THAT(args, IsOk());
  EXPECT_THAT(args->Values("set"), ElementsAre("a=1", "b=2", "a=3"));
  EXPECT_THAT(args->Values("name"), ElementsAre());
}

TEST(ParseArgumentsTest, DoubleDashEndsFlags) {
  absl::StatusOr<ParsedArguments> args =
      Parse({"delete", "--", "--force", "-h"});

  ASSERT_THAT(args, IsOk());
  EXPECT_THAT(args->positionals, ElementsAre("delete", "--force", "-h"));
  EXPECT_FALSE(args->Has("force"));
}

TEST(ParseArgumentsTest, ShortHIsHelp) {
  absl::StatusOr<ParsedArguments> args = Parse({"org", "-h"});

  ASSERT_THAT(args, IsOk());
  EXPECT_TRUE(args->Has("help"));
  EXPECT_THAT(args->positionals, ElementsAre("org"));
}

TEST(ParseArgumentsTest, UnknownFlagIsNamedWithoutItsValue) {
  absl::StatusOr<ParsedArguments> args = Parse({"--kye=s3cret-value"});

  EXPECT_THAT(args, StatusIs(absl::StatusCode::kInvalidArgument,
                             HasSubstr("unknown flag --kye")));
  EXPECT_THAT(args.status().message(), Not(HasSubstr("s3cret")));
}

TEST(ParseArgumentsTest, MissingValueIsAnError) {
  absl::StatusOr<ParsedArguments> args = Parse({"create", "--name"});

  EXPECT_THAT(args, StatusIs(absl::StatusCode::kInvalidArgument,
                             HasSubstr("--name needs a value")));
}

TEST(ParseArgumentsTest, SwitchWithValueIsAnError) {
  absl::StatusOr<ParsedArguments> args = Parse({"--force=yes"});

  EXPECT_THAT(args, StatusIs(absl::StatusCode::kInvalidArgument,
                             HasSubstr("--force takes no value")));
}

TEST(ParseArgumentsTest, NonRepeatedFlagTwiceIsAnErrorWithoutValues) {
  absl::StatusOr<ParsedArguments> args =
      Parse({"--key", "first-secret", "--key", "second-secret"});

  EXPECT_THAT(args, StatusIs(absl::StatusCode::kInvalidArgument,
                             HasSubstr("--key given more than once")));
  EXPECT_THAT(args.status().message(), Not(HasSubstr("secret")));
}

ParsedArguments Arguments(std::vector<std::string> positionals,
                          std::vector<std::string> flags) {
  ParsedArguments args;
  args.positionals = std::move(positionals);
  for (std::string& flag : flags) args.flags[flag].push_back("v");
  return args;
}

const ArgumentSpec kOneId = {Arity::kOne, "ID", {RequiredFlag("name", "N")}};

TEST(CheckArgumentsTest, AcceptsWhatTheSpecAsks) {
  EXPECT_THAT(CheckArguments(kOneId, {}, Arguments({"acme"}, {"name"})),
              IsOk());
}

TEST(CheckArgumentsTest, AcceptsAlwaysAllowedFlags) {
  const std::vector<FlagSpec> global = {Flag("endpoint", "HOST:PORT")};

  EXPECT_THAT(
      CheckArguments(kOneId, global, Arguments({"acme"}, {"name", "endpoint"})),
      IsOk());
}

TEST(CheckArgumentsTest, RejectsAFlagOfAnotherCommand) {
  absl::Status status =
      CheckArguments(kOneId, {}, Arguments({"acme"}, {"name", "force"}));

  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("takes no flag --force")));
}

TEST(CheckArgumentsTest, RejectsAMissingRequiredFlag) {
  absl::Status status = CheckArguments(kOneId, {}, Arguments({"acme"}, {}));

  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("missing required flag --name")));
}

TEST(CheckArgumentsTest, CountsPositionals) {
  EXPECT_THAT(CheckArguments(kOneId, {}, Arguments({}, {"name"})).message(),
              HasSubstr("missing ID"));
  EXPECT_THAT(
      CheckArguments(kOneId, {}, Arguments({"a", "b"}, {"name"})).message(),
      HasSubstr("unexpected argument 'b'"));

  const ArgumentSpec none = {Arity::kNone, "", {}};
  EXPECT_THAT(CheckArguments(none, {}, Arguments({"a"}, {})).message(),
              HasSubstr("unexpected argument 'a'"));

  const ArgumentSpec many = {Arity::kOneOrMore, "NAME", {}};
  EXPECT_THAT(CheckArguments(many, {}, Arguments({}, {})).message(),
              HasSubstr("missing NAME"));
  EXPECT_THAT(CheckArguments(many, {}, Arguments({"a", "b", "c"}, {})), IsOk());
}

}  // namespace
}  // namespace identity::cli
