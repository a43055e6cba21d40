#include "app/cli.h"

namespace tremplin::app {

int RunCli(int argc, char** argv) { return 0; }

}  // namespace tremplin::app
