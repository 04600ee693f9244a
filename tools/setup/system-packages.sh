#!/usr/bin/env bash
# Makes sure the Debian packages the demo or the tests need are installed. Runs before the demo's and the tests'
# builds (see the EnsureSystemPackages targets), so README's two commands work on a machine with only the .NET SDK.
#   system-packages.sh demo|tests
# Quiet and quick when nothing is missing. As root: installs what is missing with apt-get. Otherwise: prints the one
# command to run and exits 1. ENGINE_SKIP_SYSTEM_PACKAGES=1 skips the check (e.g. on a system that is not Debian).
# For the tests of this script: ENGINE_SETUP_ASSUME_MISSING="pkg ..." treats those packages as missing and
# ENGINE_SETUP_ASSUME_USER=1 as not root; with both, nothing is installed.
set -uo pipefail
scope=${1:-tests}
[ "${ENGINE_SKIP_SYSTEM_PACKAGES:-}" = "1" ] && exit 0

need=()
missing() { for p in ${ENGINE_SETUP_ASSUME_MISSING:-}; do [ "$p" = "$1" ] && return 0; done; return 1; }
check() { # package, test command
  local package=$1; shift
  if missing "$package" || ! "$@" >/dev/null 2>&1; then
    for n in "${need[@]:-}"; do [ "$n" = "$package" ] && return; done
    need+=("$package")
  fi
}
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

check libvulkan1 has_lib libvulkan.so.1
check mesa-vulkan-drivers ls /usr/share/vulkan/icd.d/lvp_icd.x86_64.json
check vulkan-validationlayers ls /usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json
check libx11-6 has_lib libX11.so.6
check xvfb command -v Xvfb
if [ "$scope" = "tests" ]; then
  check glslang-tools command -v glslangValidator
  check graphviz command -v dot
  check chromium command -v chromium
fi

[ ${#need[@]} -eq 0 ] && exit 0
command="apt-get update && apt-get install -y ${need[*]}"
as_user="sudo sh -c '$command'"
if [ "$(id -u)" != "0" ] || [ "${ENGINE_SETUP_ASSUME_USER:-}" = "1" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing system packages for the $scope: ${need[*]}; install them with: $as_user" >&2
  exit 1
fi

echo "installing system packages for the $scope: ${need[*]}"
if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null 2>&1; then
  echo "error: apt-get could not install ${need[*]}; run: $command" >&2
  exit 1
fi
