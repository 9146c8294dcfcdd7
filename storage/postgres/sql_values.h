// Values crossing into SQL as text parameters and back out as columns. Times
// cross as microseconds since the Unix epoch (the SQL side converts with
// identity_time() and identity_micros()); arrays as array literals.
//
//   tx.Exec(kInsertUser, {user.id, user.roles, user.version});
//   std::vector<std::string> roles = TextArrayColumn(row[6]);
//   absl::Time created = TimeColumn(row[7]);
#ifndef IDENTITY_STORAGE_POSTGRES_SQL_VALUES_H_
#define IDENTITY_STORAGE_POSTGRES_SQL_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "pqxx/pqxx"

namespace identity::postgres {

// One statement parameter in PostgreSQL's text form; no text is SQL NULL.
// Implicit, so that a parameter list reads like the values it holds.
class SqlParam {
 public:
  SqlParam(std::nullopt_t) {}  // NOLINT(google-explicit-constructor)
  SqlParam(const char* text) : text_(text) {}                    // NOLINT
  SqlParam(std::string_view text) : text_(std::string(text)) {}  // NOLINT
  SqlParam(const std::string& text) : text_(text) {}             // NOLINT
  SqlParam(int value);                                           // NOLINT
  SqlParam(int64_t value);                                       // NOLINT
  SqlParam(const std::optional<int64_t>& value);                 // NOLINT
  SqlParam(absl::Time time);                                     // NOLINT
  SqlParam(const std::optional<absl::Time>& time);               // NOLINT
  // An array literal, for a text[] or (from decimal strings) int8[].
  SqlParam(const std::vector<std::string>& elements);  // NOLINT
  // As above, or NULL when absent.
  SqlParam(const std::optional<std::vector<std::string>>& elements);  // NOLINT

  const std::optional<std::string>& text() const { return text_; }

 private:
  std::optional<std::string> text_;
};

absl::Time TimeColumn(const pqxx::field& field);
std::optional<absl::Time> OptionalTimeColumn(const pqxx::field& field);
std::vector<std::string> TextArrayColumn(const pqxx::field& field);
std::optional<std::vector<std::string>> OptionalTextArrayColumn(
    const pqxx::field& field);

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_SQL_VALUES_H_
