#include "web/url_encoding.h"

#include <boost/url/encode.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace tremplin::web {
namespace {

namespace urls = boost::urls;

core::Error BadEncoding() {
  return core::MakeError(core::ErrorCode::kInvalidArgument, "bad_percent_encoding");
}

// Decodes one piece of a path or query; false on a malformed escape or an encoded NUL.
bool Decode(std::string_view text, bool plus_is_space, std::string* out) {
  auto pct = urls::make_pct_string_view(urls::string_view(text.data(), text.size()));
  if (!pct) return false;
  urls::encoding_opts opts;
  opts.space_as_plus = plus_is_space;
  pct->decode(opts, urls::string_token::assign_to(*out));
  return out->find('\0') == std::string::npos;
}

}  // namespace

core::Result<KeyValues> DecodeUrlEncoded(std::string_view text) {
  KeyValues out;
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view piece = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    std::string_view key = piece.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    auto& kv = out.emplace_back();
    if (!Decode(key, true, &kv.first) || !Decode(value, true, &kv.second)) return BadEncoding();
  }
  return out;
}

core::Result<std::string> DecodePath(std::string_view encoded_path) {
  std::string out;
  if (!Decode(encoded_path, false, &out)) return BadEncoding();
  return out;
}

core::Result<Target> ParseTarget(std::string_view target) {
  if (target.empty() || target[0] != '/' || target.find('\0') != std::string_view::npos ||
      target.find('#') != std::string_view::npos) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "bad_target");
  }
  size_t question = target.find('?');
  Target out;
  auto path = DecodePath(target.substr(0, question));
  if (!path.ok()) return path.error();
  out.path = std::move(*path);
  if (question != std::string_view::npos) {
    auto query = DecodeUrlEncoded(target.substr(question + 1));
    if (!query.ok()) return query.error();
    out.query = std::move(*query);
  }
  return out;
}

std::string EncodeQueryComponent(std::string_view text) {
  urls::encoding_opts opts;
  opts.space_as_plus = true;
  return urls::encode(urls::string_view(text.data(), text.size()), urls::unreserved_chars, opts);
}

}  // namespace tremplin::web
