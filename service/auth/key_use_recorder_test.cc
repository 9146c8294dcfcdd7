#include "service/auth/key_use_recorder.h"

#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "gtest/gtest.h"
#include "storage/store.h"

namespace identity {
namespace {

// Keeps the latest time written for each key; every other call fails.
class KeyUseStore final : public storage::Store {
 public:
  absl::Status RunInTransaction(
      absl::Time, storage::Access,
      absl::FunctionRef<absl::Status(storage::Transaction&)>) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<storage::Credential> FindCredential(std::string_view,
                                                     absl::Time) override {
    return absl::UnimplementedError("not used");
  }
  absl::Status RecordKeyUses(const std::vector<storage::KeyUse>& uses,
                             absl::Time) override {
    absl::MutexLock lock(&mu_);
    if (!available_) return absl::UnavailableError("down");
    for (const storage::KeyUse& use : uses) {
      absl::Time& last = written_[use.key_hash];
      if (last < use.time) last = use.time;
    }
    return absl::OkStatus();
  }
  absl::StatusOr<bool> HasUserWithRole(std::string_view, absl::Time) override {
    return absl::UnimplementedError("not used");
  }

  void SetAvailable(bool available) {
    absl::MutexLock lock(&mu_);
    available_ = available;
  }
  std::map<std::string, absl::Time> written() {
    absl::MutexLock lock(&mu_);
    return written_;
  }

 private:
  absl::Mutex mu_;
  bool available_ ABSL_GUARDED_BY(mu_) = true;
  std::map<std::string, absl::Time> written_ ABSL_GUARDED_BY(mu_);
};

TEST(KeyUseRecorderTest, KeepsUsesAFailedFlushCouldNotWrite) {
  KeyUseStore store;
  KeyUseRecorder recorder(&store, absl::Hours(1));
  const absl::Time t = absl::FromUnixSeconds(1000);
  recorder.Record("k1", t);
  store.SetAvailable(false);
  EXPECT_THAT(recorder.Flush(absl::Now() + absl::Seconds(1)),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_TRUE(store.written().empty());
  store.SetAvailable(true);
  EXPECT_THAT(recorder.Flush(absl::Now() + absl::Seconds(1)), IsOk());
  EXPECT_EQ(store.written()["k1"], t);
}

// Under ThreadSanitizer (.ci/run's tsan lane) this is the recorder's race
// test: calls on many threads record uses while its own thread flushes
// every millisecond and others flush on demand; the latest use of every key
// is written in the end.
TEST(KeyUseRecorderTest, WritesTheLatestUseRecordedFromManyThreads) {
  constexpr int kThreads = 6;
  constexpr int kUsesEach = 2000;
  KeyUseStore store;
  {
    KeyUseRecorder recorder(&store, absl::Milliseconds(1));
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 1; i <= kUsesEach; ++i) {
          recorder.Record("key" + std::to_string(i % 10),
                          absl::FromUnixSeconds(t * kUsesEach + i));
          if (i % 500 == 0) {
            recorder.Flush(absl::Now() + absl::Seconds(5)).IgnoreError();
          }
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
  }  // The destructor writes what is pending.
  std::map<std::string, absl::Time> written = store.written();
  ASSERT_EQ(written.size(), 10u);
  for (int k = 0; k < 10; ++k) {
    // The last thread's last use of key k: i = kUsesEach - 10 + k, or
    // kUsesEach itself for k = 0.
    const int i = k == 0 ? kUsesEach : kUsesEach - 10 + k;
    EXPECT_EQ(written["key" + std::to_string(k)],
              absl::FromUnixSeconds((kThreads - 1) * kUsesEach + i))
        << "key" << k;
  }
}

}  // namespace
}  // namespace identity
