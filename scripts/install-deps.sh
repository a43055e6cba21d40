#!/usr/bin/env bash
# Installs every Debian and npm package Tremplin needs to build, run and test. Idempotent: a
# second run installs nothing and takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # toolchain
  g++ cmake ninja-build make pkg-config git
  # the fuzz targets (make fuzz, label fuzz): clang with libFuzzer and the sanitizers' runtimes
  clang-14 libclang-rt-14-dev
  # libraries (DESIGN §2)
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev sqlite3 libctemplate-dev libicu-dev libstemmer-dev
  libsodium-dev libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev zlib1g-dev
  # mail: libcurl speaks SMTP with STARTTLS and authentication
  libcurl4-openssl-dev
  # tests and benchmarks (nginx: the reverse proxy of the multinode tests; aiosmtpd: the mail
  # sink that receives what the tests send)
  googletest libgtest-dev libgmock-dev libbenchmark-dev curl wrk nginx python3-aiosmtpd
  # the PostgreSQL backend (libpq) and the throwaway servers of tests and benchmarks
  # (scripts/start-postgres.sh; contrib for the search benchmark's earthdistance)
  libpq-dev postgresql-15 postgresql-contrib
  # other peers of the search benchmark (make bench-search)
  libxapian-dev sphinxsearch
  # the browser tests (tests/e2e, label e2e): Chromium driven by playwright-core, a font the
  # style sheet names (stable screenshots) and Java for the Nu HTML Checker (vnu-jar)
  chromium fonts-liberation openjdk-17-jre-headless
)
# Node.js and npm usually come with the machine; Debian's packages otherwise.
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages pinned in package.json / package-lock.json. Reinstall only when they changed.
# No package needs its install script: vnu-jar's would download a Java runtime (Debian's is
# installed above) and playwright-core drives the Debian Chromium, downloading no browser.
stamp=node_modules/.tremplin-installed
if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "install-deps: installing npm packages"
  if [ -f package-lock.json ]; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  else npm install --ignore-scripts --no-audit --no-fund --loglevel=error; fi
  touch "$stamp"
fi
