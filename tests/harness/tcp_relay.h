// A TCP relay on loopback under a test's control: it forwards every
// connection made to its port to `target_port`, until frozen. Frozen, it
// keeps every connection open but forwards nothing, in either direction,
// as a network partition or a stuck proxy would: neither end sees a close.
//
//   TcpRelay relay(/*target_port=*/5432);
//   std::string url = "postgresql://postgres@127.0.0.1:" +
//                     std::to_string(relay.port()) + "/db";
//   relay.Freeze();  // connections through it go silent
//   relay.Thaw();    // and forward again
#ifndef IDENTITY_TESTS_HARNESS_TCP_RELAY_H_
#define IDENTITY_TESTS_HARNESS_TCP_RELAY_H_

#include <atomic>
#include <thread>
#include <vector>

namespace identity::testing {

class TcpRelay {
 public:
  // Listens on 127.0.0.1, on a free port. Aborts if it cannot.
  explicit TcpRelay(int target_port);
  // Closes every connection.
  ~TcpRelay();

  TcpRelay(const TcpRelay&) = delete;
  TcpRelay& operator=(const TcpRelay&) = delete;

  int port() const { return port_; }
  void Freeze() { frozen_ = true; }
  void Thaw() { frozen_ = false; }

 private:
  struct Pair {
    int client;
    int server;
  };

  void Run();
  void Accept();
  // Moves what is readable on `from` to `to`; false when either end closed.
  static bool Forward(int from, int to);

  const int target_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> frozen_{false};
  std::atomic<bool> stopping_{false};
  std::vector<Pair> pairs_;  // The relay thread's alone.
  std::thread thread_;
};

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_HARNESS_TCP_RELAY_H_
