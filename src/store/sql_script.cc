#include "store/sql_script.h"

#include <cctype>

namespace tremplin::store {
namespace {

// Where the first thing other than blanks and comments is in `text` (its size if none).
size_t SkipBlanks(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      size_t end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else if (text.substr(i, 2) == "/*") {
      size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else {
      return i;
    }
  }
  return text.size();
}

bool IsBlank(std::string_view text) { return SkipBlanks(text) == text.size(); }

std::string Trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

// The length of a dollar-quote tag ("$$", "$body$") starting at `i`, or 0 if there is none.
size_t DollarTagLength(std::string_view text, size_t i) {
  size_t j = i + 1;
  while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_'))
    ++j;
  if (j < text.size() && text[j] == '$') return j - i + 1;
  return 0;
}

// Where the quoted part opened by the quote character at `i` ends (just past its closing
// quote; a doubled quote is an escaped one), or the end of the text.
size_t SkipQuoted(std::string_view text, size_t i) {
  const char quote = text[i];
  for (size_t j = i + 1; j < text.size(); ++j) {
    if (text[j] != quote) continue;
    if (j + 1 < text.size() && text[j + 1] == quote) {
      ++j;
      continue;
    }
    return j + 1;
  }
  return text.size();
}

std::string UpperWords(std::string_view text, size_t count) {
  std::string out;
  size_t words = 0;
  for (size_t i = 0; i < text.size() && words < count; ++i) {
    if (std::isalpha(static_cast<unsigned char>(text[i]))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
      ++words;
    }
  }
  return out;
}

// Whether a ';' after `statement` (so far) is inside a SQLite trigger body: the statement
// creates a trigger and its last word is not yet the END that closes the body.
bool InsideTriggerBody(std::string_view statement) {
  std::string head = UpperWords(statement.substr(SkipBlanks(statement)), 3);
  if (!head.starts_with("CREATE TRIGGER") && !head.starts_with("CREATE TEMP TRIGGER") &&
      !head.starts_with("CREATE TEMPORARY TRIGGER"))
    return false;
  size_t end = statement.size();
  while (end > 0 && std::isspace(static_cast<unsigned char>(statement[end - 1]))) --end;
  size_t begin = end;
  while (begin > 0 && std::isalpha(static_cast<unsigned char>(statement[begin - 1]))) --begin;
  return UpperWords(statement.substr(begin, end - begin), 1) != "END";
}

}  // namespace

std::vector<std::string> SplitSqlScript(std::string_view script) {
  std::vector<std::string> statements;
  size_t start = 0, i = 0;
  auto emit = [&](size_t end) {
    std::string_view statement = script.substr(start, end - start);
    if (!IsBlank(statement)) statements.push_back(Trim(statement));
  };
  while (i < script.size()) {
    const char c = script[i];
    if (c == '\'' || c == '"') {
      i = SkipQuoted(script, i);
    } else if (script.substr(i, 2) == "--") {
      size_t end = script.find('\n', i);
      i = end == std::string_view::npos ? script.size() : end + 1;
    } else if (script.substr(i, 2) == "/*") {
      size_t end = script.find("*/", i + 2);
      i = end == std::string_view::npos ? script.size() : end + 2;
    } else if (size_t tag = c == '$' ? DollarTagLength(script, i) : 0; tag > 0) {
      size_t end = script.find(script.substr(i, tag), i + tag);
      i = end == std::string_view::npos ? script.size() : end + tag;
    } else if (c == ';' && InsideTriggerBody(script.substr(start, i - start))) {
      ++i;
    } else if (c == ';') {
      emit(i);
      start = ++i;
    } else {
      ++i;
    }
  }
  emit(script.size());
  return statements;
}

}  // namespace tremplin::store
