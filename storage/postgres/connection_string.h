// The libpq connection string every connection of the store uses: the
// configured URL (or key=value string) plus the settings the store relies on.
//
//   pqxx::connection c(ConnectionString("postgresql://h/db",
//   absl::Seconds(2)));
#ifndef IDENTITY_STORAGE_POSTGRES_CONNECTION_STRING_H_
#define IDENTITY_STORAGE_POSTGRES_CONNECTION_STRING_H_

#include <string>
#include <string_view>

#include "absl/time/time.h"

namespace identity::postgres {

// `database_url` with a connect timeout (in whole seconds, at least one), the
// UTF-8 client encoding, TCP keepalives and a TCP user timeout (5 s) appended,
// overriding any the URL sets itself.
std::string ConnectionString(std::string_view database_url,
                             absl::Duration connect_timeout);

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_CONNECTION_STRING_H_
