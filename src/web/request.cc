#include "web/request.h"

namespace tremplin::web {
namespace {

std::string_view First(const KeyValues& list, std::string_view name) {
  for (const auto& [key, value] : list)
    if (key == name) return value;
  return {};
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x += 'a' - 'A';
    if (y >= 'A' && y <= 'Z') y += 'a' - 'A';
    if (x != y) return false;
  }
  return true;
}

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (EqualsIgnoreCase(key, name)) return value;
  return {};
}

std::string_view Request::Param(std::string_view name) const { return First(query, name); }

std::vector<std::string_view> Request::Params(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& [key, value] : query)
    if (key == name) out.push_back(value);
  return out;
}

bool Request::Has(std::string_view name) const {
  for (const auto& [key, value] : query)
    if (key == name) return true;
  return false;
}

std::string_view Request::PathParam(std::string_view name) const {
  return First(path_params, name);
}

}  // namespace tremplin::web
