#include "base/event_log.h"

#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

namespace identity {
namespace {

TEST(EventLogTest, JsonStringEscapesWhatJsonRequires) {
  EXPECT_EQ(JsonString("a\"b\\c\nd\x01"), R"("a\"b\\c\nd\u0001")");
}

TEST(EventLogTest, AnEventIsOneJsonLine) {
  EXPECT_EQ(EventLine(EventLevel::kError, "lost \"it\"\nall",
                      absl::FromUnixMillis(1'765'152'063'120)),
            "{\"time\":\"2025-12-08T00:01:03.120Z\",\"level\":\"error\","
            "\"message\":\"lost \\\"it\\\"\\nall\"}\n");
}

TEST(EventLogTest, LogEventWritesTheLineToStderr) {
  std::ostringstream captured;
  std::streambuf* before = std::cerr.rdbuf(captured.rdbuf());
  LogEvent(EventLevel::kWarning, "hello");
  std::cerr.rdbuf(before);
  const std::string line = captured.str();
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.front(), '{');
  EXPECT_EQ(line.substr(line.size() - 2), "}\n");
  EXPECT_NE(line.find("\"level\":\"warning\",\"message\":\"hello\""),
            std::string::npos);
}

}  // namespace
}  // namespace identity
