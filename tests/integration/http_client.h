// A small blocking HTTP/1.1 client for the integration tests: it sends the request target
// exactly as given (so tests can send broken percent-encoding or raw bytes) and can keep the
// connection alive between requests.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tremplin::integration {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;      // 0 when the exchange failed (see `error`)
  HeaderList headers;  // in the order received
  std::string body;    // empty for HEAD, 204 and 304
  std::string error;   // transport failure (connect, write, read, timeout); empty on success

  // The first value of header `name` (case-insensitive), or "" when absent.
  std::string Header(std::string_view name) const;
};

class HttpClient {
 public:
  // A client of the server at host:port (host is an IP address, e.g. "127.0.0.1"). With
  // `keep_alive`, one connection serves successive requests (reopened when the server closed
  // it); otherwise each request uses its own connection and asks the server to close it.
  HttpClient(std::string host, uint16_t port, bool keep_alive = false,
             std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `method` `target` (written verbatim on the request line) with `headers` and `body`
  // (with its Content-Length, unless `headers` set Content-Length or Transfer-Encoding; an empty
  // body adds no header), and reads the whole response. Never throws: failures are in
  // HttpResponse::error.
  HttpResponse Send(std::string_view method, std::string_view target,
                    const HeaderList& headers = {}, std::string_view body = {});
  HttpResponse Get(std::string_view target, const HeaderList& headers = {}) {
    return Send("GET", target, headers);
  }
  HttpResponse Head(std::string_view target, const HeaderList& headers = {}) {
    return Send("HEAD", target, headers);
  }
  HttpResponse Patch(std::string_view target, std::string_view body, const HeaderList& headers = {}) {
    return Send("PATCH", target, headers, body);
  }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Percent-encodes `text` for a query component (everything but A-Z a-z 0-9 - . _ ~).
std::string EncodeQueryComponent(std::string_view text);

// Parses `body` as JSON. On failure returns null and sets *error (when given).
boost::json::value ParseJson(std::string_view body, std::string* error = nullptr);

}  // namespace tremplin::integration
