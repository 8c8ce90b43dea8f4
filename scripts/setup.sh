#!/usr/bin/env bash
# Installs everything samspel needs to build and test, from Debian 12's packages only.
# Safe to rerun: apt-get skips what is already there.
set -euo pipefail
packages=(
  build-essential cmake git pkg-config
  libtomlplusplus-dev  # scenario files (TOML)
  libcli11-dev         # command line
  libfmt-dev           # formatting of output files
  nlohmann-json3-dev   # provenance and (later) the HTTP API
  libsqlite3-dev       # results store of studies
  libopenmpi-dev openmpi-bin  # studies across processes and machines (mpirun)
  libgtest-dev libgmock-dev  # unit, statistical and regression tests
  libboost1.81-dev     # header-only: Boost.Random's Sobol' sequence (sensitivity analysis),
                       # Boost.Beast and Asio (samspel serve, the local web app)
  libbenchmark-dev     # bench/
  libcpp-httplib-dev   # the HTTP client of the web tests
  chromium             # browser tests of the web app and the report (driven by playwright-core)
)
# Node.js and npm fetch the web front end's packages (web/package-lock.json); a machine that
# already has them keeps its own.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The front end's npm packages, exactly as locked: the charting library compiled into the binary
# at build time (cmake/embed_assets.cmake) and playwright-core for the browser tests.
(cd "$(dirname "$0")/../web" && npm ci --no-audit --no-fund --loglevel=error)
