// What a database URL names, for a log line: where and as whom, never a
// password or any other setting.
//
//   DescribeDatabase("postgresql://identity:s3cret@db:5432/identity");
//   // "host=db port=5432 dbname=identity user=identity"
#ifndef IDENTITY_STORAGE_POSTGRES_DATABASE_DESCRIPTION_H_
#define IDENTITY_STORAGE_POSTGRES_DATABASE_DESCRIPTION_H_

#include <string>
#include <string_view>

namespace identity::postgres {

// host, hostaddr, port, dbname, user and sslmode of `database_url` (a URL or
// key=value string) as libpq parses it, those it sets; "(unparsable)" when
// libpq cannot parse it.
std::string DescribeDatabase(std::string_view database_url);

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_DATABASE_DESCRIPTION_H_
