// Access key secrets: how they are made, recognized and hashed.
//
//   AccessKeySecret secret = AccessKeySecret::Generate();
//   store(secret.prefix(), HashAccessKey(secret.value()));
//   return secret.value();  // shown to the caller once
#ifndef IDENTITY_SERVICE_AUTH_ACCESS_KEY_SECRET_H_
#define IDENTITY_SERVICE_AUTH_ACCESS_KEY_SECRET_H_

#include <string>

#include "absl/strings/string_view.h"

namespace identity {

// Every key starts with this, so leaked keys are easy to scan for.
inline constexpr absl::string_view kAccessKeyMarker = "idk_";

class AccessKeySecret {
 public:
  // 256 bits from OpenSSL's CSPRNG, base64url: "idk_" + 43 characters.
  static AccessKeySecret Generate();

  const std::string& value() const { return value_; }

  // The non-secret start of the key: the marker and 8 characters (48 bits,
  // far too few to guess the rest from).
  std::string prefix() const { return PrefixOf(value_); }

  static std::string PrefixOf(absl::string_view key);

  // True when `key` has the shape Generate() produces; anything else is
  // refused without a database lookup.
  static bool IsWellFormed(absl::string_view key);

 private:
  explicit AccessKeySecret(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

// Lowercase hex SHA-256 of the key: the only form that is stored.
std::string HashAccessKey(absl::string_view key);

// Compares two hashes in time independent of where they differ.
bool HashesEqual(absl::string_view a, absl::string_view b);

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_ACCESS_KEY_SECRET_H_
