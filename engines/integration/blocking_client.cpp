// Plain POSIX sockets, as the simplest client would be written; SO_RCVTIMEO/SO_SNDTIMEO bound each wait.
#include "engines/integration/blocking_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace perflab::engines::integration {

namespace {

class Socket {
public:
    Socket()
        : m_fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        if (m_fd < 0)
            fail("socket");
    }
    ~Socket() { ::close(m_fd); }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    int fd() const noexcept { return m_fd; }

    [[noreturn]] static void fail(std::string_view step) {
        const int error = errno;
        throw std::runtime_error(
            "upstream " + std::string(step) + ": " +
            (error == EAGAIN || error == EWOULDBLOCK ? "timed out" : std::strerror(error)));
    }

private:
    int m_fd;
};

} // namespace

UpstreamReply callOnce(std::uint16_t port, std::string_view request, std::chrono::milliseconds timeout) {
    Socket socket;
    const timeval limit{.tv_sec = static_cast<time_t>(timeout.count() / 1000),
                        .tv_usec = static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
    const int one = 1;
    ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    ::setsockopt(socket.fd(), SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    ::setsockopt(socket.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const std::string connectStep = "connect to 127.0.0.1:" + std::to_string(port); // before errno matters
    if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
        Socket::fail(connectStep);
    for (std::size_t sent = 0; sent < request.size();) {
        const ssize_t n = ::send(socket.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n < 0)
            Socket::fail("send");
        sent += static_cast<std::size_t>(n);
    }
    std::string received;
    char chunk[4096];
    for (;;) {
        if (auto reply = takeReply(received))
            return std::move(*reply);
        const ssize_t n = ::recv(socket.fd(), chunk, sizeof chunk, 0);
        if (n < 0)
            Socket::fail("receive");
        if (n == 0)
            throw std::runtime_error("upstream receive: the connection closed before a whole reply");
        received.append(chunk, static_cast<std::size_t>(n));
    }
}

} // namespace perflab::engines::integration
