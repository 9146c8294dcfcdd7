#include "storage/postgres/database_description.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace identity::postgres {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(DatabaseDescriptionTest, NamesWhereAndAsWhomButNoSecret) {
  const std::string described = DescribeDatabase(
      "postgresql://identity:s3cret@db.example:5432/identity"
      "?sslmode=require&sslpassword=hush&application_name=x");
  EXPECT_EQ(described,
            "user=identity dbname=identity host=db.example port=5432 "
            "sslmode=require");
  EXPECT_THAT(described, Not(HasSubstr("s3cret")));
  EXPECT_THAT(described, Not(HasSubstr("hush")));
}

TEST(DatabaseDescriptionTest, ReadsKeywordValuesToo) {
  EXPECT_EQ(DescribeDatabase("host=h dbname=d password=s3cret"),
            "dbname=d host=h");
}

TEST(DatabaseDescriptionTest, AnUnparsableUrlIsSaidToBe) {
  EXPECT_EQ(DescribeDatabase("postgresql://h:notaport:x/d?=="), "(unparsable)");
}

}  // namespace
}  // namespace identity::postgres
