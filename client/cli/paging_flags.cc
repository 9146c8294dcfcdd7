#include "client/cli/paging_flags.h"

#include <utility>

namespace identity::cli {

std::vector<FlagSpec> WithPagingFlags(std::vector<FlagSpec> flags) {
  flags.push_back(Flag("page-size", "N"));
  flags.push_back(Flag("page-token", "TOKEN"));
  return flags;
}

}  // namespace identity::cli
