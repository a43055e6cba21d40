#include "store/change_listener.h"

#include <libpq-fe.h>
#include <poll.h>

#include <string>

#include "store/catalogue_store.h"

namespace tremplin::store {
namespace {

core::Error Unavailable(PGconn* conn) {
  std::string reason = conn ? PQerrorMessage(conn) : "out of memory";
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
  return core::MakeError(core::ErrorCode::kUnavailable, "database_unavailable").With("reason", reason);
}

// Takes the notifications libpq has read; whether there was at least one.
bool DrainNotifications(PGconn* conn) {
  bool any = false;
  while (PGnotify* n = PQnotifies(conn)) {
    any = true;
    PQfreemem(n);
  }
  return any;
}

}  // namespace

core::Result<ChangeListener> ChangeListener::Open(Backend backend, std::string_view url) {
  if (backend != Backend::kPostgresql) return ChangeListener(nullptr);
  PGconn* conn = PQconnectdb(std::string(url).c_str());  // libpq reads the URL form itself
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    core::Error error = Unavailable(conn);
    PQfinish(conn);
    return error;
  }
  // The server's messages on this idle connection ("terminating connection…") are not for
  // the logs: a lost connection comes back from Wait as an error.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  PGresult* listen = PQexec(conn, ("LISTEN " + std::string(kCatalogueChannel)).c_str());
  bool ok = PQresultStatus(listen) == PGRES_COMMAND_OK;
  PQclear(listen);
  if (!ok) {
    core::Error error = Unavailable(conn);
    PQfinish(conn);
    return error;
  }
  return ChangeListener(conn);
}

ChangeListener::ChangeListener(ChangeListener&& other) noexcept : conn_(other.conn_) {
  other.conn_ = nullptr;
}

ChangeListener& ChangeListener::operator=(ChangeListener&& other) noexcept {
  if (this != &other) {
    PQfinish(conn_);
    conn_ = other.conn_;
    other.conn_ = nullptr;
  }
  return *this;
}

ChangeListener::~ChangeListener() { PQfinish(conn_); }

core::Result<bool> ChangeListener::Wait(std::chrono::milliseconds timeout, int wake_fd) {
  if (conn_ && DrainNotifications(conn_)) return true;
  pollfd fds[2];
  nfds_t count = 0;
  if (conn_) fds[count++] = {PQsocket(conn_), POLLIN, 0};
  if (wake_fd >= 0) fds[count++] = {wake_fd, POLLIN, 0};
  int ready = poll(fds, count, static_cast<int>(timeout.count()));
  if (ready <= 0 || !conn_ || !(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) return false;
  // Something came on the connection: notifications, or the end of it.
  if (!PQconsumeInput(conn_) || PQstatus(conn_) != CONNECTION_OK) return Unavailable(conn_);
  return DrainNotifications(conn_);
}

}  // namespace tremplin::store
