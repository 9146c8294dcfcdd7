// A plain HTTP/1.0 GET for tests, e.g. of a metrics endpoint, without a
// client library.
//
//   std::optional<std::string> body = HttpGet(9090, "/metrics");
#ifndef IDENTITY_TESTS_HARNESS_HTTP_GET_H_
#define IDENTITY_TESTS_HARNESS_HTTP_GET_H_

#include <optional>
#include <string>

namespace identity::testing {

// The body of GET `path` from 127.0.0.1:`port` if the answer is 200 OK;
// nullopt if nothing answers or the status is another.
std::optional<std::string> HttpGet(int port, const std::string& path);

// Runs `command` (through sh) with `input` on its standard input; returns
// its exit status and what it wrote to stdout and stderr.
struct CommandResult {
  int exit_status = -1;
  std::string output;
};
CommandResult RunWithInput(const std::string& command,
                           const std::string& input);

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_HARNESS_HTTP_GET_H_
