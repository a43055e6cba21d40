#include "web/status_text.h"

#include "core/messages.h"

namespace tremplin::web {

std::string StatusText(int status) {
  const core::Messages& m = core::Messages::Builtin();
  std::string key = "http.status_" + std::to_string(status);
  if (!m.Has(core::Lang::kFr, key)) key = "http.status_other";
  return std::string(m.Text(core::Lang::kFr, key)) + " — " +
         std::string(m.Text(core::Lang::kEn, key)) + "\n";
}

}  // namespace tremplin::web
