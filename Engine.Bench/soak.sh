#!/usr/bin/env bash
# Soak: the demo, headless, with the validation layer disabled through the loader, for SHORT and LONG frames
# (default 20,000 and 200,000). Prints each run's peak RSS (the demo reports VmHWM) and fails when the long run's peak
# exceeds the short run's by more than 10 %.
# The finding (BENCHMARKS.md, "Soak"): naming every per-frame object in Vulkan grew the native heap by about 4 KB per
# frame; per-frame transients are no longer named in Vulkan by default (VulkanContextOptions.NameTransientObjects).
set -euo pipefail
cd "$(dirname "$0")/.."
SHORT=${SHORT:-20000}
LONG=${LONG:-200000}
dotnet build -c Release tools/Engine.Demo -v q -nologo >/dev/null

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

peak() {
  local out
  # The loader warns that it disabled the layer (two warnings): the exit code is 1 then, so read the report instead.
  out=$(VK_LOADER_LAYERS_DISABLE='~implicit~,*validation*' dotnet tools/Engine.Demo/bin/Release/net10.0/Engine.Demo.dll \
    --frames "$1" --report-every 10000000 2>"$errors" || true)
  grep -q '^leaks: 0$' <<<"$out" || { echo "soak: the $1-frame run did not end with 'leaks: 0'" >&2; echo "$out" >&2; tail -n 20 "$errors" >&2; exit 1; }
  sed -n 's/^peak RSS: \([0-9]*\) MB.*/\1/p' <<<"$out"
}

short=$(peak "$SHORT")
echo "frames $SHORT: peak RSS $short MB"
long=$(peak "$LONG")
echo "frames $LONG: peak RSS $long MB"
limit=$(( short + short / 10 ))
if [ "$long" -gt "$limit" ]; then
  echo "soak: FAILED, $long MB is more than 10 % above $short MB"
  exit 1
fi
echo "soak: ok, within 10 % ($long <= $limit MB)"
