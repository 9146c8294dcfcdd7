#include "base/utf8_prefix.h"

#include <gtest/gtest.h>

namespace identity {
namespace {

TEST(Utf8PrefixTest, CutsBetweenCharactersNeverInsideOne) {
  EXPECT_EQ(Utf8Prefix("abc", 10), "abc");
  EXPECT_EQ(Utf8Prefix("abc", 2), "ab");
  EXPECT_EQ(Utf8Prefix("abc", 0), "");
  EXPECT_EQ(Utf8Prefix("caf\u00e9s", 4), "caf\u00e9");
  EXPECT_EQ(Utf8Prefix("\u20ac\u20ac", 1), "\u20ac");
  EXPECT_EQ(Utf8Prefix("a\U0001F600b", 2), "a\U0001F600");
}

}  // namespace
}  // namespace identity
