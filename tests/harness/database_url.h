// The port of a test database's URL, and the same URL through another port:
// for routing a connection through a TcpRelay.
//
//   TcpRelay relay(PortOfUrl(url));      // postgresql://postgres@h:5432/db
//   std::string relayed = WithPort(url, relay.port());
#ifndef IDENTITY_TESTS_HARNESS_DATABASE_URL_H_
#define IDENTITY_TESTS_HARNESS_DATABASE_URL_H_

#include <string>

namespace identity::testing {

// The port of a postgresql://user@host:PORT/db URL; ends the test binary if
// there is none.
int PortOfUrl(const std::string& url);

// `url` with its port replaced by `port`.
std::string WithPort(const std::string& url, int port);

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_HARNESS_DATABASE_URL_H_
