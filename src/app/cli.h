// The command line: `tremplin serve|migrate|seed|geo|bench …`, with configuration from a TOML file
// and flags (flags win).
#pragma once

namespace tremplin::app {

// Parses argv, runs the chosen command, returns the process exit code.
int RunCli(int argc, char** argv);

}  // namespace tremplin::app
