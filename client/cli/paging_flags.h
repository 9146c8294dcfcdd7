// The --page-size and --page-token flags every list command shares.
//
//   ArgumentSpec spec{Arity::kNone, "", WithPagingFlags({Flag("org", "ORG")})};
//   RETURN_IF_ERROR(SetPaging(args, request));
#ifndef IDENTITY_CLIENT_CLI_PAGING_FLAGS_H_
#define IDENTITY_CLIENT_CLI_PAGING_FLAGS_H_

#include <vector>

#include "absl/status/status.h"
#include "base/status_macros.h"
#include "client/cli/argument_parser.h"
#include "client/cli/flag_values.h"

namespace identity::cli {

// `flags` followed by --page-size N and --page-token T.
std::vector<FlagSpec> WithPagingFlags(std::vector<FlagSpec> flags);

// Copies the paging flags into any list request (they all name the fields
// page_size and page_token). INVALID_ARGUMENT for a page size that is not a
// number.
template <typename ListRequest>
absl::Status SetPaging(const ParsedArguments& args, ListRequest& request) {
  if (auto size = args.Value("page-size")) {
    ASSIGN_OR_RETURN(int32_t page_size, ParseInt32("page-size", *size));
    request.set_page_size(page_size);
  }
  if (auto token = args.Value("page-token")) {
    request.set_page_token(*token);
  }
  return absl::OkStatus();
}

}  // namespace identity::cli

#endif  // IDENTITY_CLIENT_CLI_PAGING_FLAGS_H_
