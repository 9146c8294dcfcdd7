// What belongs to the store itself, against a real PostgreSQL: transactions
// (rollback, read-only, deadlines, retried deadlocks), the connection pool,
// text round trips, migrations, opening, and the cross-store reads
// FindCredential, RecordKeyUses and HasUserWithRole.
#include "storage/postgres/pg_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "base/metric_definitions.h"
#include "base/metrics.h"
#include "base/status_macros.h"
#include "base/status_matchers.h"
#include "pqxx/pqxx"
#include "storage/postgres/connection_string.h"
#include "storage/postgres/migrations.h"
#include "storage/postgres/pg_store_fixture.h"
#include "storage/postgres/sql_errors.h"

namespace identity::postgres {
namespace {

using ::identity::storage::Access;
using ::identity::storage::AccessKey;
using ::identity::storage::Credential;
using ::identity::storage::Lock;
using ::identity::storage::Org;
using ::identity::storage::Transaction;
using ::identity::storage::User;
using ::identity::testing::FreshDatabaseUrl;
using ::testing::Not;

class PgStoreTest : public PgStoreFixture {};

TEST_F(PgStoreTest, FindCredentialJoinsKeyAndUser) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1", {"admin-user", "api-user"});
  SeedKey("u1", "k1", 1);
  absl::StatusOr<Credential> credential =
      store_->FindCredential(KeyHash(1), Deadline());
  ASSERT_THAT(credential, IsOk());
  EXPECT_EQ(credential->key.user_id, "u1");
  EXPECT_EQ(credential->key.name, "k1");
  EXPECT_EQ(credential->key.key_prefix, "idk_k1");
  EXPECT_EQ(credential->key.expire_time, std::nullopt);
  EXPECT_EQ(credential->user.id, "u1");
  EXPECT_EQ(credential->user.tenant_id, "t1");
  EXPECT_EQ(credential->user.org_id, "o1");
  EXPECT_EQ(credential->user.email, "u1@example.com");
  EXPECT_EQ(credential->user.roles,
            (std::vector<std::string>{"admin-user", "api-user"}));
  EXPECT_EQ(credential->user.version, 1);

  absl::StatusOr<Credential> unknown =
      store_->FindCredential(KeyHash(99), Deadline());
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgStoreTest, RecordKeyUsesOnlyRaisesLastUsedTime) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1");
  SeedKey("u1", "k1", 1);
  SeedKey("u1", "k2", 2);
  const absl::Time t0 = absl::FromUnixMicros(1700000000123456);
  auto last_used = [&](int hash) {
    return store_->FindCredential(KeyHash(hash), Deadline())
        ->key.last_used_time;
  };
  ASSERT_THAT(store_->RecordKeyUses({{KeyHash(1), t0},
                                     {KeyHash(1), t0 + absl::Seconds(5)},
                                     {KeyHash(1), t0 + absl::Seconds(2)},
                                     {KeyHash(2), t0},
                                     {KeyHash(77), t0}},  // Gone: skipped.
                                    Deadline()),
              IsOk());
  EXPECT_EQ(last_used(1), t0 + absl::Seconds(5));
  EXPECT_EQ(last_used(2), t0);
  ASSERT_THAT(store_->RecordKeyUses({{KeyHash(1), t0}}, Deadline()), IsOk());
  EXPECT_EQ(last_used(1), t0 + absl::Seconds(5));
  ASSERT_THAT(store_->RecordKeyUses({}, Deadline()), IsOk());
}

TEST_F(PgStoreTest, HasUserWithRole) {
  EXPECT_FALSE(*store_->HasUserWithRole("super-admin-user", Deadline()));
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1", {"user"});
  EXPECT_FALSE(*store_->HasUserWithRole("super-admin-user", Deadline()));
  SeedUser("admin", "t1", "o1", {"user", "super-admin-user"});
  EXPECT_TRUE(*store_->HasUserWithRole("super-admin-user", Deadline()));
  EXPECT_TRUE(*store_->HasUserWithRole("user", Deadline()));
}

TEST_F(PgStoreTest, FailingFnRollsBackAndItsStatusComesBackUnchanged) {
  absl::Status status = store_->RunInTransaction(
      Deadline(), Access::kReadWrite, [](Transaction& tx) -> absl::Status {
        RETURN_IF_ERROR(tx.orgs().Insert(MakeOrg("o1")).status());
        return absl::PermissionDeniedError("changed my mind");
      });
  EXPECT_EQ(status, absl::PermissionDeniedError("changed my mind"));
  EXPECT_THAT(GetOrg("o1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgStoreTest, AStatementErrorEndsTheTransactionEvenIfFnCarriesOn) {
  SeedOrg("o1");
  absl::Status status = store_->RunInTransaction(
      Deadline(), Access::kReadWrite, [](Transaction& tx) -> absl::Status {
        EXPECT_THAT(tx.orgs().Insert(MakeOrg("o1")),
                    StatusIs(absl::StatusCode::kAlreadyExists));
        // Ignoring the error does not make the transaction usable again.
        EXPECT_THAT(tx.orgs().Insert(MakeOrg("o2")),
                    StatusIs(absl::StatusCode::kAlreadyExists));
        return absl::OkStatus();
      });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(GetOrg("o2"), StatusIs(absl::StatusCode::kNotFound));
}

// Counts identity_db_errors_total by kind; every other metric goes nowhere.
class DatabaseErrorCounter final : public Metrics {
 public:
  int64_t count(const std::string& kind) {
    absl::MutexLock lock(&mu_);
    auto it = counters_.find(kind);
    return it == counters_.end() ? 0 : it->second->count.load();
  }

  MetricCounter& Counter(const MetricDefinition& definition,
                         const MetricLabels& labels) override {
    if (definition.name != std::string(kDatabaseErrors.name)) {
      return NoMetrics()->Counter(definition, labels);
    }
    absl::MutexLock lock(&mu_);
    std::unique_ptr<Count>& counter = counters_[labels.at(0).second];
    if (counter == nullptr) counter = std::make_unique<Count>();
    return *counter;
  }
  MetricGauge& Gauge(const MetricDefinition& definition,
                     const MetricLabels& labels) override {
    return NoMetrics()->Gauge(definition, labels);
  }
  MetricHistogram& Histogram(const MetricDefinition& definition,
                             const MetricLabels& labels) override {
    return NoMetrics()->Histogram(definition, labels);
  }

 private:
  struct Count final : MetricCounter {
    void Add(double value) override { count += static_cast<int64_t>(value); }
    std::atomic<int64_t> count{0};
  };
  absl::Mutex mu_;
  std::map<std::string, std::unique_ptr<Count>> counters_ ABSL_GUARDED_BY(mu_);
};

// A duplicate, a missing parent and a bad value are the request's outcome,
// which the call metrics count; identity_db_errors_total counts only what
// the database failed to do.
TEST_F(PgStoreTest, RefusedRequestsAreNotDatabaseErrors) {
  DatabaseErrorCounter errors;
  PgStoreOptions options;
  options.database_url = url_;
  options.metrics = &errors;
  absl::StatusOr<std::unique_ptr<PgStore>> store = PgStore::Open(options);
  ASSERT_THAT(store, IsOk());
  auto insert = [&](auto insert_into) {
    return (*store)->RunInTransaction(Deadline(), Access::kReadWrite,
                                      [&](Transaction& tx) -> absl::Status {
                                        return insert_into(tx).status();
                                      });
  };
  SeedOrg("o1");

  EXPECT_THAT(
      insert([](Transaction& tx) { return tx.orgs().Insert(MakeOrg("o1")); }),
      StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(insert([](Transaction& tx) {
                return tx.tenants().Insert(MakeTenant("t1", "no-such-org"));
              }),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(errors.count("ALREADY_EXISTS"), 0);
  EXPECT_EQ(errors.count("FAILED_PRECONDITION"), 0);
  EXPECT_EQ(errors.count("INVALID_ARGUMENT"), 0);

  // A failure of the database itself still counts: writing in a read-only
  // transaction.
  EXPECT_THAT((*store)->RunInTransaction(
                  Deadline(), Access::kReadOnly,
                  [](Transaction& tx) {
                    return tx.orgs().Insert(MakeOrg("o2")).status();
                  }),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(errors.count("INTERNAL"), 1);
}

TEST_F(PgStoreTest, ReadOnlyTransactionCannotWriteAndSaysNothingOfSql) {
  absl::Status status = store_->RunInTransaction(
      Deadline(), Access::kReadOnly,
      [](Transaction& tx) { return tx.orgs().Insert(MakeOrg("o1")).status(); });
  EXPECT_EQ(status, absl::InternalError("internal error"));
  EXPECT_THAT(GetOrg("o1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgStoreTest, TextRoundTripsByteForByte) {
  const std::vector<std::string> texts = {
      "Zoë Ünïcødé 名前 🚀",
      "O'Brien \"quoted\" \\backslash\\",
      "'; DROP TABLE users; --",
      "$1 $$ %s %d {} [] , NULL null \t tab\nnewline",
  };
  const std::string id = "o'; DROP TABLE orgs; --";
  Org org = MakeOrg(id);
  org.name = texts[0];
  org.variables_json = R"({"ключ": "значение \"q\" 🚀", "sql": "'; --"})";
  ASSERT_THAT(
      InTransaction([&](Transaction& tx) { return tx.orgs().Insert(org); }),
      IsOk());
  absl::StatusOr<Org> read = GetOrg(id);
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(read->id, id);
  EXPECT_EQ(read->name, texts[0]);
  EXPECT_EQ(read->variables_json,
            R"({"sql": "'; --", "ключ": "значение \"q\" 🚀"})");

  SeedTenant("t1", id);
  User user = MakeUser("u1", "t1", id, texts);
  user.name = texts[1];
  user.email = texts[2];
  ASSERT_THAT(
      InTransaction([&](Transaction& tx) { return tx.users().Insert(user); }),
      IsOk());
  absl::StatusOr<User> user_read = GetUser("u1");
  ASSERT_THAT(user_read, IsOk());
  EXPECT_EQ(user_read->name, texts[1]);
  EXPECT_EQ(user_read->email, texts[2]);
  EXPECT_EQ(user_read->roles, texts);  // Array quoting, both ways.
  EXPECT_EQ(user_read->org_id, id);

  AccessKey key = MakeKey("u1", texts[3]);
  key.description = texts[0];
  ASSERT_THAT(InTransaction([&](Transaction& tx) {
                return tx.access_keys().Insert(key, KeyHash(1));
              }),
              IsOk());
  absl::StatusOr<Credential> credential =
      store_->FindCredential(KeyHash(1), Deadline());
  ASSERT_THAT(credential, IsOk());
  EXPECT_EQ(credential->key.name, texts[3]);
  EXPECT_EQ(credential->key.description, texts[0]);
  EXPECT_EQ(credential->user.roles, texts);
  ASSERT_THAT(InTransaction([&](Transaction& tx) {
                return tx.access_keys().Delete("u1", {texts[3]});
              }),
              IsOk());
  EXPECT_THAT(store_->FindCredential(KeyHash(1), Deadline()), Not(IsOk()));
}

TEST_F(PgStoreTest, TextWithNulIsInvalid) {
  Org org = MakeOrg("o1");
  org.name = std::string("a\0b", 3);
  absl::StatusOr<Org> result =
      InTransaction([&](Transaction& tx) { return tx.orgs().Insert(org); });
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(GetOrg("o1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgStoreTest, PassedDeadlineIsDeadlineExceeded) {
  absl::Status status = store_->RunInTransaction(
      absl::Now() - absl::Milliseconds(1), Access::kReadOnly,
      [](Transaction&) { return absl::OkStatus(); });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST_F(PgStoreTest, StatementWaitingPastTheDeadlineIsCancelled) {
  SeedOrg("o1");
  absl::Notification locked;
  absl::Notification release;
  std::thread holder([&] {
    ASSERT_THAT(
        store_->RunInTransaction(
            Deadline(), Access::kReadWrite,
            [&](Transaction& tx) -> absl::Status {
              RETURN_IF_ERROR(tx.orgs().Get("o1", Lock::kForUpdate).status());
              locked.Notify();
              release.WaitForNotification();
              return absl::OkStatus();
            }),
        IsOk());
  });
  locked.WaitForNotification();
  const absl::Time start = absl::Now();
  absl::Status status = store_->RunInTransaction(
      start + absl::Milliseconds(300), Access::kReadWrite, [](Transaction& tx) {
        return tx.orgs().Get("o1", Lock::kForUpdate).status();
      });
  const absl::Duration waited = absl::Now() - start;
  release.Notify();
  holder.join();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_GE(waited, absl::Milliseconds(250));
  EXPECT_LT(waited, absl::Seconds(2));
}

TEST_F(PgStoreTest, WaitingForAConnectionHonoursTheDeadline) {
  std::unique_ptr<PgStore> store = Open(url_, /*pool_size=*/1);
  absl::Notification inside;
  absl::Notification release;
  std::thread holder([&] {
    ASSERT_THAT(store->RunInTransaction(Deadline(), Access::kReadOnly,
                                        [&](Transaction&) {
                                          inside.Notify();
                                          release.WaitForNotification();
                                          return absl::OkStatus();
                                        }),
                IsOk());
  });
  inside.WaitForNotification();
  absl::Status status = store->RunInTransaction(
      absl::Now() + absl::Milliseconds(100), Access::kReadOnly,
      [](Transaction&) { return absl::OkStatus(); });
  release.Notify();
  holder.join();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_THAT(
      store->RunInTransaction(Deadline(), Access::kReadOnly,
                              [](Transaction&) { return absl::OkStatus(); }),
      IsOk());
}

// Two transactions lock o1 and o2 in opposite orders; PostgreSQL kills one
// (after deadlock_timeout, a second) and the store runs it again.
class DeadlockTest : public PgStoreFixture {
 protected:
  absl::Status LockBoth(PgStore& store, const std::string& first,
                        const std::string& second, absl::Barrier* both_hold,
                        std::atomic<int>* runs) {
    return store.RunInTransaction(
        Deadline(), Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
          const bool first_run = runs->fetch_add(1) < 2;
          RETURN_IF_ERROR(tx.orgs().Get(first, Lock::kForUpdate).status());
          if (first_run && both_hold->Block()) delete both_hold;
          return tx.orgs().Get(second, Lock::kForUpdate).status();
        });
  }

  void Race(PgStore& store, absl::Status* a, absl::Status* b,
            std::atomic<int>* runs) {
    // Deleted by the thread that passes it last, as absl::Barrier asks.
    auto* both_hold = new absl::Barrier(2);
    std::thread other(
        [&] { *b = LockBoth(store, "o2", "o1", both_hold, runs); });
    *a = LockBoth(store, "o1", "o2", both_hold, runs);
    other.join();
  }
};

TEST_F(DeadlockTest, DeadlockVictimIsRunAgain) {
  SeedOrg("o1");
  SeedOrg("o2");
  absl::Status a;
  absl::Status b;
  std::atomic<int> runs{0};
  Race(*store_, &a, &b, &runs);
  EXPECT_THAT(a, IsOk());
  EXPECT_THAT(b, IsOk());
  EXPECT_EQ(runs, 3);
}

TEST_F(DeadlockTest, DeadlockIsAbortedWhenAttemptsRunOut) {
  SeedOrg("o1");
  SeedOrg("o2");
  std::unique_ptr<PgStore> store = Open(url_, /*pool_size=*/2,
                                        /*max_attempts=*/1);
  absl::Status a;
  absl::Status b;
  std::atomic<int> runs{0};
  Race(*store, &a, &b, &runs);
  EXPECT_EQ(a.ok() + b.ok(), 1) << a << " / " << b;
  const absl::Status& lost = a.ok() ? b : a;
  EXPECT_THAT(
      lost, StatusIs(absl::StatusCode::kAborted,
                     ::testing::Eq("conflict with a concurrent transaction")));
  EXPECT_EQ(runs, 2);
}

// ---------------------------------------------------------------- Migrations

TEST(MigrationsTest, ApplyingTwiceChangesNothing) {
  const std::string conninfo =
      ConnectionString(FreshDatabaseUrl(), absl::Seconds(2));
  ASSERT_THAT(ApplyMigrations(conninfo), IsOk());
  ASSERT_THAT(ApplyMigrations(conninfo), IsOk());
  ASSERT_FALSE(EmbeddedMigrations().empty());
  EXPECT_EQ(EmbeddedMigrations().front().version, 1);
}

// Migration 0008 on a database of the schema before it: existing users get
// immutable keys, and keys minted with a ceiling keep the self-service they
// had when it was not a permission; unbounded keys stay unbounded.
TEST(MigrationsTest, SelfServiceStaysWithKeysMintedBeforeIt) {
  const std::string conninfo =
      ConnectionString(FreshDatabaseUrl(), absl::Seconds(2));
  std::vector<Migration> before;
  for (const Migration& migration : EmbeddedMigrations()) {
    if (migration.version < 8) before.push_back(migration);
  }
  ASSERT_THAT(ApplyMigrations(conninfo, before), IsOk());
  pqxx::connection connection(conninfo);
  {
    pqxx::work tx(connection);
    tx.exec(R"sql(
      INSERT INTO orgs (id, name) VALUES ('o1', 'o1');
      INSERT INTO tenants (id, org_id, name) VALUES ('t1', 'o1', 't1');
      INSERT INTO users (id, tenant_id, org_id, name, roles)
        VALUES ('u1', 't1', 'o1', 'u1', '{user}');
      INSERT INTO access_keys (key_hash, user_id, name, permission_ceiling)
        VALUES (repeat('a', 64), 'u1', 'capped', '{read:databases}'),
               (repeat('b', 64), 'u1', 'unbounded', NULL);
    )sql");
    tx.commit();
  }
  ASSERT_THAT(ApplyMigrations(conninfo), IsOk());
  pqxx::work tx(connection);
  EXPECT_EQ(tx.exec1("SELECT permission_ceiling::text FROM access_keys "
                     "WHERE name = 'capped'")[0]
                .as<std::string>(),
            "{read:databases,self:access_keys,self:config}");
  EXPECT_TRUE(tx.exec1("SELECT permission_ceiling FROM access_keys "
                       "WHERE name = 'unbounded'")[0]
                  .is_null());
  EXPECT_FALSE(
      tx.exec1("SELECT user_key FROM users WHERE id = 'u1'")[0].is_null());
}

TEST(MigrationsTest, ServersStartingTogetherOnAnEmptyDatabaseAllComeUp) {
  const std::string url = FreshDatabaseUrl();
  constexpr int kServers = 4;
  absl::Barrier start(kServers);
  std::vector<absl::Status> results(kServers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kServers; ++i) {
    threads.emplace_back([&, i] {
      PgStoreOptions options;
      options.database_url = url;
      options.pool_size = 2;
      start.Block();
      results[i] = PgStore::Open(options).status();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const absl::Status& result : results) EXPECT_THAT(result, IsOk());
}

TEST(MigrationsTest, FailingStepIsInternalAndLeavesNoVersionBehind) {
  const std::string conninfo =
      ConnectionString(FreshDatabaseUrl(), absl::Seconds(2));
  std::vector<Migration> migrations = EmbeddedMigrations();
  migrations.push_back({1000, "1000_broken", "CREATE TABLE orgs (id text)"});
  absl::Status status = ApplyMigrations(conninfo, migrations);
  EXPECT_EQ(status, absl::InternalError("schema migration 1000_broken failed"));
  // The good steps stay; the next start tries the broken one again.
  migrations.back().sql = "CREATE TABLE extra (id text)";
  EXPECT_THAT(ApplyMigrations(conninfo, migrations), IsOk());
}

TEST(PgStoreOpenTest, UnreachableDatabaseIsUnavailable) {
  PgStoreOptions options;
  // Port 1 on localhost: nothing listens there.
  options.database_url = "postgresql://postgres@127.0.0.1:1/postgres";
  absl::StatusOr<std::unique_ptr<PgStore>> store = PgStore::Open(options);
  EXPECT_THAT(store, StatusIs(absl::StatusCode::kUnavailable,
                              ::testing::Eq("database unavailable")));
}

// A deferred constraint trigger makes COMMIT itself fail with `sqlstate`.
void FailEveryCommitOfAnOrg(const std::string& url, const char* sqlstate) {
  pqxx::connection connection(url);
  pqxx::nontransaction work(connection);
  work.exec(absl::StrCat(R"sql(
    CREATE FUNCTION fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'forced at commit' USING ERRCODE = ')sql",
                         sqlstate, R"sql('; END $$;
    CREATE CONSTRAINT TRIGGER fail_at_commit AFTER INSERT ON orgs
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION fail_at_commit();
  )sql"));
}

TEST_F(PgStoreTest, ACommitThatFailsOtherwiseThanByConflictIsNeverRetried) {
  FailEveryCommitOfAnOrg(url_, "XX000");
  int attempts = 0;
  absl::Status status = store_->RunInTransaction(
      Deadline(), Access::kReadWrite, [&](Transaction& tx) {
        ++attempts;
        return tx.orgs().Insert(MakeOrg("o1")).status();
      });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable,
                               ::testing::Eq(kOutcomeUnknownMessage)));
  EXPECT_EQ(attempts, 1);
  EXPECT_THAT(GetOrg("o1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgStoreTest, ACommitThatFailsByConflictIsRetried) {
  FailEveryCommitOfAnOrg(url_, "40001");
  int attempts = 0;
  absl::Status status = store_->RunInTransaction(
      Deadline(), Access::kReadWrite, [&](Transaction& tx) {
        ++attempts;
        return tx.orgs().Insert(MakeOrg("o1")).status();
      });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(attempts, 5);
}

}  // namespace
}  // namespace identity::postgres
