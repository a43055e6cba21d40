// tremplin user add: creates an account from the command line — how the first administrator
// comes to exist (later ones are invited from the site). The password is read from standard
// input, so that it appears neither in the process list nor in the shell's history.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "app/config.h"

namespace tremplin::app {

struct NewUserOptions {
  std::string email;
  std::string name;
  std::string role = "member";               // admin, reviewer or member
  std::vector<int64_t> organisation_ids;     // a member's organisations
};

// Checks the password (auth::CheckNewPassword, with the common-password lists of the npm
// packages under config.npm_dir), stores the user and logs what was done. Returns the exit
// status: 0, or 1 with an English message a person can act on.
int AddUser(const Config& config, const NewUserOptions& options, std::istream& password_input);

// The common-password lists under `npm_dir`.
std::vector<std::string> CommonPasswordFiles(const std::string& npm_dir);

}  // namespace tremplin::app
