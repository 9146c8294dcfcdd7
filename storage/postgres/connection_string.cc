#include "storage/postgres/connection_string.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace identity::postgres {

std::string ConnectionString(std::string_view database_url,
                             absl::Duration connect_timeout) {
  const int64_t seconds = std::max<int64_t>(
      1, absl::ToInt64Seconds(absl::Ceil(connect_timeout, absl::Seconds(1))));
  // TCP keepalives notice a server that vanished without closing the
  // connection, which an idle listener would otherwise wait on forever;
  // tcp_user_timeout notices one that stopped acknowledging what was sent
  // (a partition mid-query) in 5 s rather than after minutes of
  // retransmissions.
  const std::string settings =
      absl::StrCat("connect_timeout=", seconds,
                   " client_encoding=UTF8 keepalives_idle=10"
                   " keepalives_interval=5 keepalives_count=3"
                   " tcp_user_timeout=5000");
  std::string conninfo(database_url);
  const bool is_url = conninfo.rfind("postgresql://", 0) == 0 ||
                      conninfo.rfind("postgres://", 0) == 0;
  if (is_url) {
    conninfo += conninfo.find('?') == std::string::npos ? "?" : "&";
    conninfo += absl::StrReplaceAll(settings, {{" ", "&"}});
  } else {
    conninfo += " " + settings;
  }
  return conninfo;
}

}  // namespace identity::postgres
