// gzip decompressed with zlib itself, to check what the server compressed.
#pragma once

#include <zlib.h>

#include <string>

namespace tremplin::testing {

// `gzip` decompressed; "(not gzip)" when it is not one whole gzip stream.
inline std::string Gunzip(const std::string& gzip) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return "(not gzip)";
  std::string out;
  char buffer[16384];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gzip.data()));
  stream.avail_in = static_cast<uInt>(gzip.size());
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  inflateEnd(&stream);
  return status == Z_STREAM_END && stream.avail_in == 0 ? out : "(not gzip)";
}

}  // namespace tremplin::testing
