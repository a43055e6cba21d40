// tremplin: the single executable (serve, migrate, seed, geo, bench …); see app/cli.h.
#include "app/cli.h"

int main(int argc, char** argv) { return tremplin::app::RunCli(argc, argv); }
