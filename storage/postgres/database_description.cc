#include "storage/postgres/database_description.h"

#include <libpq-fe.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace identity::postgres {

std::string DescribeDatabase(std::string_view database_url) {
  // An allow list: whatever else a URL may carry (password, sslpassword,
  // options...) stays out of the log.
  static const auto* const shown = new std::set<std::string>{
      "host", "hostaddr", "port", "dbname", "user", "sslmode"};
  const std::string url(database_url);
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> options(
      PQconninfoParse(url.c_str(), &error), PQconninfoFree);
  if (options == nullptr) {
    PQfreemem(error);
    return "(unparsable)";
  }
  std::vector<std::string> parts;
  for (const PQconninfoOption* option = options.get();
       option->keyword != nullptr; ++option) {
    if (option->val != nullptr && shown->count(option->keyword) > 0) {
      parts.push_back(absl::StrCat(option->keyword, "=", option->val));
    }
  }
  return absl::StrJoin(parts, " ");
}

}  // namespace identity::postgres
