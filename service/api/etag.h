// Etags: what clients echo back in an update to detect concurrent changes.
// An etag is the resource's version.
//
//   v1::Org org; org.set_etag(EtagOf(row.version));
//   RETURN_IF_ERROR(CheckEtag("org", row.id, request.org().etag(),
//   row.version));
#ifndef IDENTITY_SERVICE_API_ETAG_H_
#define IDENTITY_SERVICE_API_ETAG_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace identity {

std::string EtagOf(int64_t version);

// OK when `sent_etag` is empty (no check asked for) or names `version`;
// ABORTED otherwise: the caller should read again and retry its change.
absl::Status CheckEtag(absl::string_view kind, absl::string_view id,
                       absl::string_view sent_etag, int64_t version);

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_ETAG_H_
