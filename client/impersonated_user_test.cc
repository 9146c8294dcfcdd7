#include <string>
#include <thread>
#include <vector>

#include "client/impersonation.h"
#include "gtest/gtest.h"

namespace identity {
namespace {

// Under ThreadSanitizer (.ci/run's tsan lane) this is the impersonation
// state's race test: threads open and close nested scopes and read their
// user while another keeps replacing the shared user, as calls on one Client
// from many threads do. Each thread sees its own innermost scope, and the
// shared user once its scopes are closed.
TEST(ImpersonatedUserTest, ThreadsSeeOnlyTheirOwnScopes) {
  constexpr int kThreads = 6;
  constexpr int kRounds = 2000;
  ImpersonatedUser state("shared");
  std::vector<int> wrong(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string outer = "outer" + std::to_string(t);
      const std::string inner = "inner" + std::to_string(t);
      for (int i = 0; i < kRounds; ++i) {
        const std::thread::id self = state.PushScope(outer);
        if (state.Get() != outer) ++wrong[t];
        state.PushScope(inner);
        if (state.Get() != inner) ++wrong[t];
        state.PopScope(self);
        if (state.Get() != outer) ++wrong[t];
        state.PopScope(self);
        const std::string shared = state.Get();
        if (shared.rfind("shared", 0) != 0) ++wrong[t];
      }
    });
  }
  std::thread setter([&] {
    for (int i = 0; i < kRounds; ++i) {
      state.SetShared("shared" + std::to_string(i));
    }
  });
  for (std::thread& thread : threads) thread.join();
  setter.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
  EXPECT_EQ(state.Get(), "shared" + std::to_string(kRounds - 1));
}

}  // namespace
}  // namespace identity
