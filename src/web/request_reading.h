// How the server reads a request off the wire, in one place so that the HTTP fuzz target runs
// exactly this code: the parser's limits, the framing refused, the answer to each read error,
// and the conversion of a parsed message to a Request.
#pragma once

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "web/request.h"
#include "web/url_encoding.h"
#include "web/server.h"

namespace tremplin::web {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// Header and body limits from `options` (larger requests get 431 and 413).
void LimitRequest(RequestParser& parser, const ServerOptions& options);

// True when the headers frame the body with a Transfer-Encoding other than chunked: such a
// body has no knowable length (RFC 9112 §6.3), and guessing would let a proxy and us disagree on
// where the next request starts. The server answers 400 and closes.
bool HasUnknowableLength(const RequestParser& parser);

// The status the server answers a read error with before closing (431, 413 or 400), or 0 when
// it closes without an answer (the client left or was too slow).
int StatusForReadError(const boost::beast::error_code& ec);

// Fills `req` from the parsed message, keeping its remote address; false when the target is
// not one the server accepts (it answers 400).
bool ReadRequest(boost::beast::http::request<boost::beast::http::string_body>& msg, Request* req);

}  // namespace tremplin::web
