// Which language to answer in: English when the URL says `lang=en`, French otherwise. The URL
// alone decides (not Accept-Language) so that links and the language switch always agree.
#pragma once

#include "core/messages.h"
#include "web/request.h"

namespace tremplin::web {

core::Lang RequestLang(const Request& req);

}  // namespace tremplin::web
