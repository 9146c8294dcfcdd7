#include "tests/harness/tcp_relay.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace identity::testing {
namespace {

// How often idle threads look at the stop and freeze flags.
constexpr int kPollMillis = 10;

[[noreturn]] void Fail(const char* what) {
  std::perror(what);
  std::abort();
}

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  return address;
}

// True when `fd` has something to read within kPollMillis.
bool Readable(int fd) {
  pollfd entry{fd, POLLIN, 0};
  return poll(&entry, 1, kPollMillis) > 0;
}

}  // namespace

TcpRelay::TcpRelay(int target_port) : target_port_(target_port) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address = Loopback(0);
  socklen_t length = sizeof(address);
  if (listen_fd_ < 0 ||
      bind(listen_fd_, reinterpret_cast<sockaddr*>(&address),
           sizeof(address)) != 0 ||
      listen(listen_fd_, 64) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) !=
          0) {
    Fail("TcpRelay: cannot listen");
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { Accept(); });
}

TcpRelay::~TcpRelay() {
  stopping_ = true;
  acceptor_.join();
  std::lock_guard<std::mutex> lock(mu_);
  for (std::thread& pump : pumps_) pump.join();
  for (int fd : fds_) close(fd);
  close(listen_fd_);
}

void TcpRelay::SetLatency(std::chrono::milliseconds latency) {
  latency_ms_ = latency.count();
}

void TcpRelay::Freeze() { frozen_ = true; }

void TcpRelay::Heal() {
  latency_ms_ = 0;
  frozen_ = false;
}

void TcpRelay::Accept() {
  while (!stopping_) {
    if (!Readable(listen_fd_)) continue;
    const int client = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    const int server = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in target = Loopback(target_port_);
    if (server < 0 ||
        connect(server, reinterpret_cast<const sockaddr*>(&target),
                sizeof(target)) != 0) {
      close(client);  // As a refused connection would look to the client.
      if (server >= 0) close(server);
      continue;
    }
    std::lock_guard<std::mutex> lock(mu_);
    fds_.push_back(client);
    fds_.push_back(server);
    pumps_.emplace_back([this, client, server] { Pump(client, server); });
    pumps_.emplace_back([this, client, server] { Pump(server, client); });
  }
}

void TcpRelay::Pump(int from, int to) {
  char buffer[16384];
  while (!stopping_) {
    // Frozen: leave the bytes unread, so that the sender's writes back up
    // and the receiver waits, with both connections open.
    if (frozen_ || !Readable(from)) {
      if (frozen_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    const ssize_t got = read(from, buffer, sizeof(buffer));
    if (got <= 0) break;
    const int64_t latency = latency_ms_;
    if (latency > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(latency));
    }
    for (ssize_t sent = 0; sent < got && !stopping_;) {
      const ssize_t wrote = send(to, buffer + sent, got - sent, MSG_NOSIGNAL);
      if (wrote <= 0) {
        shutdown(from, SHUT_RD);
        return;
      }
      sent += wrote;
    }
  }
  // One side closed: pass the end of the stream on.
  shutdown(to, SHUT_WR);
}

}  // namespace identity::testing
