#include "storage/postgres/connection_string.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace identity::postgres {
namespace {

// `value` as a single-quoted libpq value: nothing in it (a space, a quote, a
// trailing backslash, an empty string) can end it early or run on into the
// next setting.
std::string Quoted(std::string_view value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '\'';
  return quoted;
}

}  // namespace

std::string ConnectionString(std::string_view database_url,
                             absl::Duration connect_timeout) {
  const int64_t seconds = std::max<int64_t>(
      1, absl::ToInt64Seconds(absl::Ceil(connect_timeout, absl::Seconds(1))));
  // TCP keepalives notice a server that vanished without closing the
  // connection, which an idle listener would otherwise wait on forever;
  // tcp_user_timeout notices one that stopped acknowledging what was sent
  // (a partition mid-query) in 5 s rather than after minutes of
  // retransmissions.
  const std::vector<std::pair<std::string, std::string>> settings = {
      {"connect_timeout", absl::StrCat(seconds)},
      {"client_encoding", "UTF8"},
      {"keepalives_idle", "10"},
      {"keepalives_interval", "5"},
      {"keepalives_count", "3"},
      {"tcp_user_timeout", "5000"}};

  // The URL is parsed by libpq itself and written out again with every
  // value quoted: text appended to the raw string could be swallowed by it
  // (a trailing "key=", a trailing backslash, a '?' inside a password).
  const std::string url(database_url);
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> options(
      PQconninfoParse(url.c_str(), &error), PQconninfoFree);
  PQfreemem(error);
  // libpq reports the same parse error, without connecting, when the
  // connection is opened.
  if (options == nullptr) return url;

  std::string conninfo;
  for (const PQconninfoOption* option = options.get();
       option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    const bool overridden =
        std::any_of(settings.begin(), settings.end(),
                    [&](const auto& s) { return s.first == option->keyword; });
    if (overridden) continue;
    absl::StrAppend(&conninfo, option->keyword, "=", Quoted(option->val), " ");
  }
  for (const auto& [keyword, value] : settings) {
    absl::StrAppend(&conninfo, keyword, "=", Quoted(value), " ");
  }
  conninfo.pop_back();
  return conninfo;
}

}  // namespace identity::postgres
