#include "bench/bench_keys.h"

#include <openssl/sha.h>

#include <array>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace identity::bench {

std::string BenchKeySecret(int64_t number) {
  const std::string seed = absl::StrCat("bench-key-", number);
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest;
  SHA256(reinterpret_cast<const unsigned char*>(seed.data()), seed.size(),
         digest.data());
  return absl::StrCat("idk_", absl::WebSafeBase64Escape(absl::string_view(
                                  reinterpret_cast<const char*>(digest.data()),
                                  digest.size())));
}

}  // namespace identity::bench
