// The scoped guard and AsUser, observed through Client::impersonated_user().
// No server is involved: the channel is never used.
#include "client/impersonation.h"

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

#include "absl/synchronization/notification.h"
#include "client/client.h"

namespace identity {
namespace {

Client UnconnectedClient() {
  return Client(
      grpc::CreateChannel("127.0.0.1:1", grpc::InsecureChannelCredentials()),
      "key");
}

TEST(ImpersonationTest, SetAndClear) {
  Client client = UnconnectedClient();
  EXPECT_EQ(client.impersonated_user(), "");

  client.SetImpersonateUser("jack");
  EXPECT_EQ(client.impersonated_user(), "jack");

  client.ClearImpersonation();
  EXPECT_EQ(client.impersonated_user(), "");
}

TEST(ImpersonationScopeTest, ImpersonatesForItsLifetimeOnly) {
  Client client = UnconnectedClient();
  {
    ImpersonationScope scope = client.Impersonate("jack");
    EXPECT_EQ(client.impersonated_user(), "jack");
  }
  EXPECT_EQ(client.impersonated_user(), "");
}

TEST(ImpersonationScopeTest, RestoresAPreviousSetImpersonateUser) {
  Client client = UnconnectedClient();
  client.SetImpersonateUser("alice");
  {
    ImpersonationScope scope = client.Impersonate("jack");
    EXPECT_EQ(client.impersonated_user(), "jack");
  }
  EXPECT_EQ(client.impersonated_user(), "alice");
}

TEST(ImpersonationScopeTest, NestedScopesRestoreInReverseOrder) {
  Client client = UnconnectedClient();
  {
    ImpersonationScope outer = client.Impersonate("alice");
    {
      ImpersonationScope inner = client.Impersonate("jack");
      EXPECT_EQ(client.impersonated_user(), "jack");
    }
    EXPECT_EQ(client.impersonated_user(), "alice");
  }
  EXPECT_EQ(client.impersonated_user(), "");
}

// Returns from inside a scope, as code bailing out on an error does.
std::string ReturnFromInsideScope(Client& client) {
  ImpersonationScope scope = client.Impersonate("jack");
  return client.impersonated_user();
}

TEST(ImpersonationScopeTest, RestoresOnEarlyReturn) {
  Client client = UnconnectedClient();
  client.SetImpersonateUser("alice");

  EXPECT_EQ(ReturnFromInsideScope(client), "jack");
  EXPECT_EQ(client.impersonated_user(), "alice");
}

TEST(ImpersonationScopeTest, RestoresWhenAnExceptionLeavesTheScope) {
  Client client = UnconnectedClient();
  try {
    ImpersonationScope scope = client.Impersonate("jack");
    throw std::runtime_error("handler failed");
  } catch (const std::runtime_error&) {
    EXPECT_EQ(client.impersonated_user(), "");
  }
}

TEST(ImpersonationScopeTest, RestoresWhenLeftByBreak) {
  Client client = UnconnectedClient();
  for (const char* user : {"jack", "alice"}) {
    ImpersonationScope scope = client.Impersonate(user);
    break;
  }
  EXPECT_EQ(client.impersonated_user(), "");
}

TEST(ImpersonationScopeTest, MovedScopeRestoresOnceWhenTheNewOwnerEnds) {
  Client client = UnconnectedClient();
  std::optional<ImpersonationScope> owner;
  {
    ImpersonationScope scope = client.Impersonate("jack");
    owner.emplace(std::move(scope));
  }
  EXPECT_EQ(client.impersonated_user(), "jack");

  owner.reset();
  EXPECT_EQ(client.impersonated_user(), "");
}

static_assert(std::is_move_constructible_v<ImpersonationScope>);
static_assert(!std::is_copy_constructible_v<ImpersonationScope>);
static_assert(!std::is_copy_assignable_v<ImpersonationScope>);
static_assert(!std::is_move_assignable_v<ImpersonationScope>);

TEST(ImpersonationScopeTest, SurvivesMovingTheClient) {
  Client client = UnconnectedClient();
  client.SetImpersonateUser("alice");
  std::optional<Client> moved;
  {
    ImpersonationScope scope = client.Impersonate("jack");
    moved.emplace(std::move(client));
    EXPECT_EQ(moved->impersonated_user(), "jack");
  }
  EXPECT_EQ(moved->impersonated_user(), "alice");
}

// T1 opens "a", T2 opens "b", T1 ends, T2 ends. With one
// shared slot that left the Client impersonating "a" forever.
TEST(ImpersonationScopeTest, ScopesOfTwoThreadsNeitherLeakNorUndoEachOther) {
  Client client = UnconnectedClient();
  absl::Notification t1_opened, t2_opened, t1_ended;
  std::string t1_saw, t2_saw_before, t2_saw_after;
  std::thread t1([&] {
    ImpersonationScope as_a = client.Impersonate("a");
    t1_opened.Notify();
    t2_opened.WaitForNotification();
    t1_saw = client.impersonated_user();
  });
  std::thread t2([&] {
    t1_opened.WaitForNotification();
    {
      ImpersonationScope as_b = client.Impersonate("b");
      t2_opened.Notify();
      t2_saw_before = client.impersonated_user();
      t1_ended.WaitForNotification();
      t2_saw_after = client.impersonated_user();
    }
  });
  t1.join();
  t1_ended.Notify();
  t2.join();
  EXPECT_EQ(t1_saw, "a");
  EXPECT_EQ(t2_saw_before, "b");
  EXPECT_EQ(t2_saw_after, "b");
  EXPECT_EQ(client.impersonated_user(), "");
}

TEST(ImpersonationScopeTest, AScopeIsSeenOnlyByItsThread) {
  Client client = UnconnectedClient();
  client.SetImpersonateUser("shared");
  ImpersonationScope as_jack = client.Impersonate("jack");
  std::string other_saw;
  std::thread other([&] { other_saw = client.impersonated_user(); });
  other.join();
  EXPECT_EQ(other_saw, "shared");
  EXPECT_EQ(client.impersonated_user(), "jack");
}

TEST(AsUserTest, ViewImpersonatesWithoutChangingTheParent) {
  Client client = UnconnectedClient();

  Client view = client.AsUser("jack");

  EXPECT_EQ(view.impersonated_user(), "jack");
  EXPECT_EQ(client.impersonated_user(), "");
}

TEST(AsUserTest, ParentChangesDoNotReachTheView) {
  Client client = UnconnectedClient();
  Client view = client.AsUser("jack");

  client.SetImpersonateUser("alice");
  ImpersonationScope scope = client.Impersonate("bob");

  EXPECT_EQ(view.impersonated_user(), "jack");
}

TEST(AsUserTest, ViewChangesDoNotReachTheParent) {
  Client client = UnconnectedClient();
  client.SetImpersonateUser("alice");
  Client view = client.AsUser("jack");

  view.ClearImpersonation();
  ImpersonationScope scope = view.Impersonate("bob");

  EXPECT_EQ(client.impersonated_user(), "alice");
}

}  // namespace
}  // namespace identity
