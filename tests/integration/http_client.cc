#include "http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <optional>

namespace tremplin::integration {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;

namespace {

constexpr uint64_t kMaxBodyBytes = 64 * 1024 * 1024;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = a[i], y = b[i];
    if (std::tolower(x) != std::tolower(y)) return false;
  }
  return true;
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (EqualsIgnoreCase(key, name)) return value;
  return "";
}

// Every operation is asynchronous on a private io_context, run to completion, so that the
// stream's deadline bounds it: a server that hangs makes a test fail, not stall.
struct HttpClient::Impl {
  std::string host;
  uint16_t port;
  bool keep_alive;
  std::chrono::milliseconds timeout;
  asio::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;

  void Run() {
    ioc.restart();
    ioc.run();
  }

  error_code Connect() {
    stream.emplace(ioc);
    buffer.clear();
    error_code ec;
    asio::ip::tcp::endpoint endpoint(asio::ip::make_address(host, ec), port);
    if (ec) return ec;
    stream->expires_after(timeout);
    stream->async_connect(endpoint, [&](error_code e) { ec = e; });
    Run();
    return ec;
  }

  void Close() {
    if (!stream) return;
    error_code ignored;
    stream->socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream->socket().close(ignored);
    stream.reset();
  }

  // One exchange on the open connection.
  error_code Exchange(std::string_view method, std::string_view target, const HeaderList& headers,
                      std::string_view body, HttpResponse& out) {
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, host + ":" + std::to_string(port));
    req.set(http::field::user_agent, "tremplin-integration-tests");
    for (const auto& [name, value] : headers) req.set(name, value);
    req.keep_alive(keep_alive);
    if (!body.empty()) {
      req.body() = std::string(body);
      if (req.find(http::field::content_length) == req.end() &&
          req.find(http::field::transfer_encoding) == req.end())
        req.content_length(body.size());
    }

    error_code ec;
    stream->expires_after(timeout);
    http::async_write(*stream, req, [&](error_code e, size_t) { ec = e; });
    Run();
    if (ec) return ec;

    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxBodyBytes);
    if (EqualsIgnoreCase(method, "HEAD")) parser.skip(true);
    stream->expires_after(timeout);
    http::async_read(*stream, buffer, parser, [&](error_code e, size_t) { ec = e; });
    Run();
    if (ec) return ec;

    const http::response<http::string_body>& res = parser.get();
    out.status = static_cast<int>(res.result_int());
    out.headers.clear();
    for (const auto& field : res)
      out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    out.body = res.body();
    if (!keep_alive || !res.keep_alive()) Close();
    return {};
  }
};

HttpClient::HttpClient(std::string host, uint16_t port, bool keep_alive,
                       std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
  impl_->keep_alive = keep_alive;
  impl_->timeout = timeout;
}

HttpClient::~HttpClient() { impl_->Close(); }

HttpResponse HttpClient::Send(std::string_view method, std::string_view target,
                              const HeaderList& headers, std::string_view body) {
  HttpResponse out;
  // A kept-alive connection may have been closed by the server meanwhile (idle timeout):
  // then the first exchange fails before any answer, and one retry on a fresh one is right.
  for (int attempt = 0; attempt < 2; ++attempt) {
    bool reused = impl_->stream.has_value();
    if (!reused) {
      if (error_code ec = impl_->Connect()) {
        impl_->Close();
        out.error = "connect: " + ec.message();
        return out;
      }
    }
    error_code ec = impl_->Exchange(method, target, headers, body, out);
    if (!ec) return out;
    impl_->Close();
    out.status = 0;
    out.error = ec.message();
    if (!reused) break;
  }
  return out;
}

std::string EncodeQueryComponent(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

boost::json::value ParseJson(std::string_view body, std::string* error) {
  error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec) {
    if (error) *error = ec.message();
    return nullptr;
  }
  return v;
}

}  // namespace tremplin::integration
