// How a read inside a read-write transaction locks the row it reads.
#ifndef IDENTITY_STORAGE_LOCK_H_
#define IDENTITY_STORAGE_LOCK_H_

namespace identity::storage {

enum class Lock {
  kNone,
  // Holds the row until commit, so a check made on it still holds when the
  // transaction writes (SELECT ... FOR UPDATE).
  kForUpdate,
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_LOCK_H_
