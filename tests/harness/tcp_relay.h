// A TCP relay on loopback between a client and a server, under the test's
// control: it forwards bytes both ways, can add latency, and can freeze —
// stop forwarding without closing anything, as a half-open network does.
// General: any TCP protocol (PostgreSQL here; a change-feed connection, a
// gRPC channel just as well).
//
//   TcpRelay relay(database_port);           // listens on 127.0.0.1:port()
//   relay.SetLatency(std::chrono::milliseconds(200));
//   relay.Freeze();   // bytes in flight stay where they are
//   relay.Heal();     // forwards again, without latency
#ifndef IDENTITY_TESTS_HARNESS_TCP_RELAY_H_
#define IDENTITY_TESTS_HARNESS_TCP_RELAY_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace identity::testing {

class TcpRelay {
 public:
  // Starts listening on a free 127.0.0.1 port; each connection accepted
  // there is forwarded to 127.0.0.1:`target_port`. Ends the test binary if
  // it cannot listen.
  explicit TcpRelay(int target_port);
  // Closes every connection and stops.
  ~TcpRelay();

  TcpRelay(const TcpRelay&) = delete;
  TcpRelay& operator=(const TcpRelay&) = delete;

  int port() const { return port_; }

  // Every chunk of bytes waits this long before it is forwarded.
  void SetLatency(std::chrono::milliseconds latency);
  // Stops forwarding in both directions on every connection, new ones
  // included; nothing is closed, so both ends wait.
  void Freeze();
  // Forwards again, without latency.
  void Heal();

 private:
  void Accept();
  // Copies from `from` to `to` until either end closes or the relay stops.
  void Pump(int from, int to);

  const int target_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> frozen_{false};
  std::atomic<int64_t> latency_ms_{0};
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<std::thread> pumps_;  // Guarded by mu_.
  std::vector<int> fds_;            // Guarded by mu_; closed at the end.
};

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_HARNESS_TCP_RELAY_H_
