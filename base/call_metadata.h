// The call metadata of identity.v1, spelled once for the server, the C++
// client and the tests.
//
//   context.AddMetadata(kAuthorizationMetadata,
//                       std::string(kBearerPrefix) + access_key);
//   context.AddMetadata(kImpersonateUserMetadata, "jack@myco.com");
#ifndef IDENTITY_BASE_CALL_METADATA_H_
#define IDENTITY_BASE_CALL_METADATA_H_

namespace identity {

// Carries the caller's access key as "Bearer <access key>".
inline constexpr char kAuthorizationMetadata[] = "authorization";
inline constexpr char kBearerPrefix[] = "Bearer ";

// The id of the user a call impersonates.
inline constexpr char kImpersonateUserMetadata[] = "x-impersonate-user";

// Correlates a call across services and logs: taken from the request when
// the caller sends one, generated otherwise, and echoed in the response's
// initial metadata.
inline constexpr char kRequestIdMetadata[] = "x-request-id";

}  // namespace identity

#endif  // IDENTITY_BASE_CALL_METADATA_H_
