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

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

[[noreturn]] void Die(const char* what) {
  std::perror(what);
  std::abort();
}

}  // namespace

TcpRelay::TcpRelay(int target_port) : target_port_(target_port) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) Die("TcpRelay: socket");
  sockaddr_in address = Loopback(0);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&address),
           sizeof(address)) != 0 ||
      listen(listen_fd_, 64) != 0) {
    Die("TcpRelay: bind/listen");
  }
  socklen_t length = sizeof(address);
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Run(); });
}

TcpRelay::~TcpRelay() {
  stopping_ = true;
  thread_.join();
  for (const Pair& pair : pairs_) {
    close(pair.client);
    close(pair.server);
  }
  close(listen_fd_);
}

void TcpRelay::Accept() {
  const int client = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (client < 0) return;
  const int server = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in target = Loopback(target_port_);
  if (server < 0 || connect(server, reinterpret_cast<sockaddr*>(&target),
                            sizeof(target)) != 0) {
    close(client);
    if (server >= 0) close(server);
    return;
  }
  pairs_.push_back({client, server});
}

bool TcpRelay::Forward(int from, int to) {
  char buffer[16384];
  const ssize_t received = read(from, buffer, sizeof(buffer));
  if (received <= 0) return false;
  for (ssize_t sent = 0; sent < received;) {
    const ssize_t n = write(to, buffer + sent, received - sent);
    if (n <= 0) return false;
    sent += n;
  }
  return true;
}

void TcpRelay::Run() {
  while (!stopping_) {
    const bool frozen = frozen_;
    std::vector<pollfd> events = {{listen_fd_, POLLIN, 0}};
    if (!frozen) {
      for (const Pair& pair : pairs_) {
        events.push_back({pair.client, POLLIN, 0});
        events.push_back({pair.server, POLLIN, 0});
      }
    }
    // A short timeout, so that Freeze, Thaw and stopping take effect soon.
    if (poll(events.data(), events.size(), /*timeout=*/10) <= 0) continue;
    if (events[0].revents & POLLIN) Accept();
    if (frozen) continue;
    std::vector<Pair> open;
    for (size_t i = 0; i < pairs_.size(); ++i) {
      const Pair& pair = pairs_[i];
      const short from_client = events[1 + 2 * i].revents;
      const short from_server = events[2 + 2 * i].revents;
      bool alive = true;
      if (from_client & (POLLIN | POLLHUP | POLLERR)) {
        alive = Forward(pair.client, pair.server);
      }
      if (alive && (from_server & (POLLIN | POLLHUP | POLLERR))) {
        alive = Forward(pair.server, pair.client);
      }
      if (alive) {
        open.push_back(pair);
      } else {
        close(pair.client);
        close(pair.server);
      }
    }
    // Connections accepted during this round follow the polled ones.
    for (size_t i = events.size() / 2; i < pairs_.size(); ++i) {
      open.push_back(pairs_[i]);
    }
    pairs_ = std::move(open);
  }
}

}  // namespace identity::testing
