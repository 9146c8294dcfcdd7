// Keyset pagination: a list returns rows strictly after a cursor, in key
// order, so concurrent inserts never shift a page (no OFFSET).
//
//   ASSIGN_OR_RETURN(std::vector<Org> orgs,
//                    tx.orgs().List(PageRequest{"o1", 101}, ""));
#ifndef IDENTITY_STORAGE_PAGE_H_
#define IDENTITY_STORAGE_PAGE_H_

#include <string>

namespace identity::storage {

struct PageRequest {
  // Return only rows whose key sorts after this one; empty: from the start.
  std::string after;
  // At most this many rows. Callers ask for one more than they show, to
  // learn whether another page follows.
  int limit = 100;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_PAGE_H_
