#include "tests/harness/sql_session.h"

#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>

namespace identity::testing {
namespace {

[[noreturn]] void Fail(const std::string& what, const char* why) {
  std::fprintf(stderr, "SqlSession: %s: %s\n", what.c_str(), why);
  std::abort();
}

}  // namespace

SqlSession::SqlSession(const std::string& url)
    : connection_(PQconnectdb(url.c_str())) {
  if (PQstatus(connection_) != CONNECTION_OK) {
    Fail("cannot connect to " + url, PQerrorMessage(connection_));
  }
}

SqlSession::~SqlSession() { PQfinish(connection_); }

void SqlSession::Execute(const std::string& sql) {
  PGresult* result = PQexec(connection_, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Fail(sql, PQresultErrorMessage(result));
  }
  PQclear(result);
}

int64_t SqlSession::QueryInt(const std::string& sql) {
  PGresult* result = PQexec(connection_, sql.c_str());
  if (PQresultStatus(result) != PGRES_TUPLES_OK || PQntuples(result) != 1) {
    Fail(sql, PQresultErrorMessage(result));
  }
  const int64_t value = std::strtoll(PQgetvalue(result, 0, 0), nullptr, 10);
  PQclear(result);
  return value;
}

}  // namespace identity::testing
