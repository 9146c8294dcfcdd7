#include "tests/harness/database_url.h"

#include <cstdlib>
#include <iostream>
#include <regex>

namespace identity::testing {
namespace {

const std::regex& PortPattern() {
  static const std::regex* pattern = new std::regex(":([0-9]+)/");
  return *pattern;
}

}  // namespace

int PortOfUrl(const std::string& url) {
  std::smatch match;
  if (!std::regex_search(url, match, PortPattern())) {
    std::cerr << "no port in database URL " << url << "\n";
    std::abort();
  }
  return std::stoi(match[1]);
}

std::string WithPort(const std::string& url, int port) {
  return std::regex_replace(url, PortPattern(),
                            ":" + std::to_string(port) + "/",
                            std::regex_constants::format_first_only);
}

}  // namespace identity::testing
