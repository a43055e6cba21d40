// Tests of the GEN taxonomy: the shape of the catalogue, its lookups, and its ROME codes
// checked against the ROME 4.0 reference.
#include "core/taxonomy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace tremplin::core {
namespace {

bool Matches(std::string_view text, const std::regex& re) {
  return std::regex_match(text.begin(), text.end(), re);
}

const std::regex kKebabCase("[a-z0-9]+(-[a-z0-9]+)*");
const std::regex kRomeCode("[A-N][0-9]{4}");

// RFC 4180: comma-separated fields, optionally quoted; inside quotes a doubled quote is a
// quote, and commas and line breaks are data.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool row_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
      continue;
    }
    row_started = true;
    if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      row_started = false;
    } else {
      field += c;
    }
  }
  if (row_started) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST(CsvForTaxonomyTest, ParsesQuotedFieldsWithCommasAndQuotes) {
  auto rows = ParseCsv("\"a\",\"b, c\",d\r\n\"say \"\"hi\"\"\",,\"x\ny\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b, c", "d"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"say \"hi\"", "", "x\ny"}));
}

TEST(TaxonomyTest, HasTheNineGenFamiliesInOrder) {
  std::vector<std::string_view> ids;
  for (const Family& f : GenTaxonomy().families()) ids.push_back(f.id);
  EXPECT_EQ(ids, (std::vector<std::string_view>{
                     "development", "network-infrastructure-security", "maintenance-support",
                     "data", "interface-graphics-creation", "marketing-ecommerce",
                     "digital-communication", "iot-robotics", "management-strategy"}));
  for (const Family& f : GenTaxonomy().families()) {
    EXPECT_FALSE(f.name_fr.empty()) << f.id;
    EXPECT_FALSE(f.name_en.empty()) << f.id;
  }
}

TEST(TaxonomyTest, IdsAreUniqueAndKebabCase) {
  std::set<std::string_view> family_ids, profession_ids;
  for (const Family& f : GenTaxonomy().families()) {
    EXPECT_TRUE(Matches(f.id, kKebabCase)) << f.id;
    EXPECT_TRUE(family_ids.insert(f.id).second) << "duplicate family id " << f.id;
  }
  for (const Profession& p : GenTaxonomy().professions()) {
    EXPECT_TRUE(Matches(p.id, kKebabCase)) << p.id;
    EXPECT_TRUE(profession_ids.insert(p.id).second) << "duplicate profession id " << p.id;
  }
}

TEST(TaxonomyTest, HasAboutEightyProfessionsSpreadOverAllFamilies) {
  const Taxonomy& taxonomy = GenTaxonomy();
  EXPECT_GE(taxonomy.professions().size(), 76u);
  EXPECT_LE(taxonomy.professions().size(), 84u);
  for (const Family& f : taxonomy.families())
    EXPECT_GE(taxonomy.ProfessionsOf(f.id).size(), 5u) << f.id;
}

TEST(TaxonomyTest, EveryProfessionBelongsToAKnownFamily) {
  for (const Profession& p : GenTaxonomy().professions())
    EXPECT_NE(GenTaxonomy().FindFamily(p.family_id), nullptr) << p.id << " in " << p.family_id;
}

TEST(TaxonomyTest, EveryProfessionIsComplete) {
  std::set<std::string_view> french_names;
  for (const Profession& p : GenTaxonomy().professions()) {
    SCOPED_TRACE(std::string(p.id));
    EXPECT_FALSE(p.name_fr.empty());
    EXPECT_FALSE(p.name_en.empty());
    EXPECT_TRUE(french_names.insert(p.name_fr).second) << "French name used twice";

    EXPECT_GE(p.rome_codes.size(), 1u);
    EXPECT_LE(p.rome_codes.size(), 3u);
    std::set<std::string_view> codes;
    for (std::string_view code : p.rome_codes) {
      EXPECT_TRUE(Matches(code, kRomeCode)) << code;
      EXPECT_TRUE(codes.insert(code).second) << "ROME code listed twice: " << code;
    }

    EXPECT_GE(p.synonyms.size(), 3u);
    EXPECT_LE(p.synonyms.size(), 10u);
    std::set<std::string_view> synonyms;
    for (std::string_view synonym : p.synonyms) {
      EXPECT_TRUE(synonyms.insert(synonym).second) << "synonym listed twice: " << synonym;
      // Words a candidate types, not sentences.
      ASSERT_FALSE(synonym.empty());
      EXPECT_NE(synonym.front(), ' ') << synonym;
      EXPECT_NE(synonym.back(), ' ') << synonym;
      EXPECT_LE(std::count(synonym.begin(), synonym.end(), ' '), 3) << synonym;
    }
  }
}

TEST(TaxonomyTest, FindFamilyReturnsTheFamilyOrNull) {
  const Family* family = GenTaxonomy().FindFamily("data");
  ASSERT_NE(family, nullptr);
  EXPECT_EQ(family->id, "data");
  EXPECT_EQ(family->name_en, "Data");
  family = GenTaxonomy().FindFamily("iot-robotics");
  ASSERT_NE(family, nullptr);
  EXPECT_EQ(family->name_fr, "Objets connectés et robotique");
  EXPECT_EQ(GenTaxonomy().FindFamily("cooking"), nullptr);
  EXPECT_EQ(GenTaxonomy().FindFamily(""), nullptr);
  EXPECT_EQ(GenTaxonomy().FindFamily("Development"), nullptr);
}

TEST(TaxonomyTest, FindProfessionReturnsTheProfessionOrNull) {
  const Profession* web = GenTaxonomy().FindProfession("web-developer");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->family_id, "development");
  EXPECT_EQ(web->name_fr, "Développeur / Développeuse web");
  EXPECT_EQ(web->rome_codes, (std::vector<std::string_view>{"M1855"}));
  const Profession* cm = GenTaxonomy().FindProfession("community-manager");
  ASSERT_NE(cm, nullptr);
  EXPECT_EQ(cm->family_id, "digital-communication");
  EXPECT_NE(std::find(cm->synonyms.begin(), cm->synonyms.end(), "cm"), cm->synonyms.end());
  EXPECT_EQ(GenTaxonomy().FindProfession("astronaut"), nullptr);
  EXPECT_EQ(GenTaxonomy().FindProfession(""), nullptr);
  EXPECT_EQ(GenTaxonomy().FindProfession("development"), nullptr);
}

TEST(TaxonomyTest, ProfessionsOfListsAFamilyInCatalogueOrder) {
  const Taxonomy& taxonomy = GenTaxonomy();
  size_t total = 0;
  for (const Family& f : taxonomy.families()) {
    std::vector<const Profession*> members = taxonomy.ProfessionsOf(f.id);
    total += members.size();
    for (size_t i = 0; i < members.size(); ++i) {
      EXPECT_EQ(members[i]->family_id, f.id);
      if (i > 0) {
        EXPECT_LT(members[i - 1], members[i]) << "out of catalogue order in " << f.id;
      }
    }
  }
  EXPECT_EQ(total, taxonomy.professions().size());
  std::vector<const Profession*> support = taxonomy.ProfessionsOf("maintenance-support");
  ASSERT_FALSE(support.empty());
  EXPECT_EQ(support.front(), taxonomy.FindProfession("it-support-technician"));
  EXPECT_TRUE(taxonomy.ProfessionsOf("cooking").empty());
}

TEST(TaxonomyTest, LookupsWorkOnASmallTaxonomy) {
  Taxonomy taxonomy({{"a", "A fr", "A en"}, {"b", "B fr", "B en"}},
                    {{"p1", "b", "P1 fr", "P1 en", {"M1805"}, {"x", "y", "z"}},
                     {"p2", "a", "P2 fr", "P2 en", {"M1810"}, {"x", "y", "z"}},
                     {"p3", "b", "P3 fr", "P3 en", {"M1801"}, {"x", "y", "z"}}});
  ASSERT_NE(taxonomy.FindProfession("p3"), nullptr);
  EXPECT_EQ(taxonomy.FindProfession("p3")->name_en, "P3 en");
  std::vector<const Profession*> b = taxonomy.ProfessionsOf("b");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0]->id, "p1");
  EXPECT_EQ(b[1]->id, "p3");
  EXPECT_EQ(taxonomy.FindFamily("c"), nullptr);
}

TEST(TaxonomyTest, RomeCodesExistInTheRomeReference) {
  const char* shared = std::getenv("TREMPLIN_SHARED_DATA");
  std::filesystem::path path;
  if (shared != nullptr && *shared != '\0')
    path = std::filesystem::path(shared) / "rome" / "unix_referentiel_code_rome_v460_utf8.csv";
  if (path.empty() || !std::filesystem::exists(path))
    GTEST_SKIP() << "ROME check skipped: ../shared/data is absent (TREMPLIN_SHARED_DATA unset "
                    "or rome/unix_referentiel_code_rome_v460_utf8.csv missing)";

  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::vector<std::vector<std::string>> rows = ParseCsv(buffer.str());
  ASSERT_GT(rows.size(), 1u);
  const std::vector<std::string>& header = rows[0];
  auto column = std::find(header.begin(), header.end(), "code_rome");
  ASSERT_NE(column, header.end()) << "no code_rome column in " << path;
  size_t index = column - header.begin();

  std::set<std::string, std::less<>> reference;
  for (size_t r = 1; r < rows.size(); ++r) {
    ASSERT_EQ(rows[r].size(), header.size()) << "row " << r << " of " << path;
    reference.insert(rows[r][index]);
  }
  EXPECT_GT(reference.size(), 500u);

  std::string missing;
  for (const Profession& p : GenTaxonomy().professions())
    for (std::string_view code : p.rome_codes)
      if (!reference.contains(code)) missing += std::string(code) + " (" + std::string(p.id) + ") ";
  EXPECT_TRUE(missing.empty()) << "ROME codes absent from the ROME 4.0 reference: " << missing;
}

}  // namespace
}  // namespace tremplin::core
