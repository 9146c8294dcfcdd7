#include "service/auth/access_key_secret.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace identity {
namespace {

constexpr size_t kRandomBytes = 32;
constexpr size_t kEncodedLength = 43;  // base64url of 32 bytes, unpadded
constexpr size_t kPrefixRandomChars = 8;

bool IsBase64UrlChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
         c == '_';
}

}  // namespace

AccessKeySecret AccessKeySecret::Generate() {
  std::array<unsigned char, kRandomBytes> bytes;
  if (RAND_bytes(bytes.data(), bytes.size()) != 1) {
    // A key from a failed CSPRNG would be guessable; better not to run.
    std::abort();
  }
  std::string encoded = absl::WebSafeBase64Escape(absl::string_view(
      reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  return AccessKeySecret(absl::StrCat(kAccessKeyMarker, encoded));
}

std::string AccessKeySecret::PrefixOf(absl::string_view key) {
  return std::string(
      key.substr(0, kAccessKeyMarker.size() + kPrefixRandomChars));
}

bool AccessKeySecret::IsWellFormed(absl::string_view key) {
  if (!absl::StartsWith(key, kAccessKeyMarker)) return false;
  absl::string_view rest = key.substr(kAccessKeyMarker.size());
  if (rest.size() != kEncodedLength) return false;
  for (char c : rest) {
    if (!IsBase64UrlChar(c)) return false;
  }
  return true;
}

std::string HashAccessKey(absl::string_view key) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest;
  SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(),
         digest.data());
  return absl::BytesToHexString(absl::string_view(
      reinterpret_cast<const char*>(digest.data()), digest.size()));
}

bool HashesEqual(absl::string_view a, absl::string_view b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace identity
