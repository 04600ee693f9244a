#!/usr/bin/env bash
# Soak: the demo, headless, with the validation layer disabled through the loader, for SHORT and LONG frames
# (default 20,000 and 200,000). Prints each run's peak RSS (the demo reports VmHWM) and fails when the long run's peak
# exceeds the short run's by more than 10 %.
#
# glibc's per-thread cache (tcache) makes lavapipe's native heap grow about 4 KB per frame without bound in this loop
# (see BENCHMARKS.md, "Soak"); the script therefore runs with GLIBC_TUNABLES=glibc.malloc.tcache_count=0 unless
# GLIBC_TUNABLES is set. Run `GLIBC_TUNABLES= bash Engine.Bench/soak.sh` to see the growth itself.
set -euo pipefail
cd "$(dirname "$0")/.."
SHORT=${SHORT:-20000}
LONG=${LONG:-200000}
export GLIBC_TUNABLES=${GLIBC_TUNABLES-glibc.malloc.tcache_count=0}
dotnet build -c Release tools/Engine.Demo -v q -nologo >/dev/null

peak() {
  local out
  out=$(VK_LOADER_LAYERS_DISABLE='~implicit~,*validation*' dotnet tools/Engine.Demo/bin/Release/net10.0/Engine.Demo.dll \
    --frames "$1" --report-every 100000000 2>/dev/null)
  grep -q '^leaks: 0$' <<<"$out" || { echo "soak: the $1-frame run did not end with 'leaks: 0'" >&2; echo "$out" >&2; exit 1; }
  sed -n 's/^peak RSS: \([0-9]*\) MB.*/\1/p' <<<"$out"
}

short=$(peak "$SHORT")
echo "frames $SHORT: peak RSS $short MB (GLIBC_TUNABLES='$GLIBC_TUNABLES')"
long=$(peak "$LONG")
echo "frames $LONG: peak RSS $long MB"
limit=$(( short + short / 10 ))
if [ "$long" -gt "$limit" ]; then
  echo "soak: FAILED, $long MB is more than 10 % above $short MB"
  exit 1
fi
echo "soak: ok, within 10 % ($long <= $limit MB)"
