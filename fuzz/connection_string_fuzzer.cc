// The database URL comes from a flag or the environment: whatever libpq
// accepts as a URL or keyword/value string must, once the server adds its
// settings, still parse, and parse with the connect timeout it added (a
// setting swallowed by an unclosed quote would let a connect hang).
#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/time/time.h"
#include "storage/postgres/connection_string.h"

namespace {

// The connect_timeout libpq reads from `conninfo`; "" when it does not parse.
std::string ParsedConnectTimeout(const std::string& conninfo, bool* parses) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  PQfreemem(error);
  *parses = options != nullptr;
  std::string timeout;
  for (PQconninfoOption* option = options;
       option != nullptr && option->keyword != nullptr; ++option) {
    if (std::strcmp(option->keyword, "connect_timeout") == 0 &&
        option->val != nullptr) {
      timeout = option->val;
    }
  }
  PQconninfoFree(options);
  return timeout;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string url(reinterpret_cast<const char*>(data), size);
  if (url.find('\0') != std::string::npos) return 0;  // Not a C string.
  bool url_parses = false;
  ParsedConnectTimeout(url, &url_parses);
  const std::string conninfo =
      identity::postgres::ConnectionString(url, absl::Seconds(3));
  if (!url_parses) return 0;
  bool parses = false;
  if (ParsedConnectTimeout(conninfo, &parses) != "3" || !parses) std::abort();
  return 0;
}
