// The database URL comes from a flag or the environment: whatever libpq
// accepts as a URL or keyword/value string must, once the server adds its
// settings, still parse, with the connect timeout it added (a setting
// swallowed by an unclosed quote would let a connect hang) and every other
// setting of the URL unchanged.
#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "absl/time/time.h"
#include "storage/postgres/connection_string.h"

namespace {

// The settings libpq reads from `conninfo`; false when it does not parse.
bool Parse(const std::string& conninfo,
           std::map<std::string, std::string>* settings) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  PQfreemem(error);
  for (PQconninfoOption* option = options;
       option != nullptr && option->keyword != nullptr; ++option) {
    if (option->val != nullptr) (*settings)[option->keyword] = option->val;
  }
  PQconninfoFree(options);
  return options != nullptr;
}

// The settings ConnectionString adds to every URL, overriding the URL's own
// on purpose: what it makes of an empty one.
const std::map<std::string, std::string>& Added() {
  static const std::map<std::string, std::string>* added = [] {
    auto* settings = new std::map<std::string, std::string>();
    Parse(identity::postgres::ConnectionString("", absl::Seconds(3)), settings);
    return settings;
  }();
  return *added;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string url(reinterpret_cast<const char*>(data), size);
  if (url.find('\0') != std::string::npos) return 0;  // Not a C string.
  std::map<std::string, std::string> original;
  const bool url_parses = Parse(url, &original);
  const std::string conninfo =
      identity::postgres::ConnectionString(url, absl::Seconds(3));
  if (!url_parses) return 0;
  std::map<std::string, std::string> settings;
  if (!Parse(conninfo, &settings)) std::abort();
  if (settings["connect_timeout"] != "3") std::abort();
  for (const auto& [keyword, value] : original) {
    if (Added().count(keyword) == 0 && settings[keyword] != value) {
      std::abort();
    }
  }
  return 0;
}
