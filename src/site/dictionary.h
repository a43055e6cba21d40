// ctemplate's dictionary, made usable from C++20 code: its headers need <cstring>, and its
// TemplateString does not take std::string_view, hence Tpl().
#pragma once

#include <cstring>
#include <string_view>

#include <ctemplate/template_dictionary.h>

namespace tremplin::site {

inline ctemplate::TemplateString Tpl(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace tremplin::site
