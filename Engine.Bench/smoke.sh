#!/usr/bin/env bash
# CI smoke run of the benchmark suite: every benchmark, short in-process configuration, at 10,000 live resources
# only. It checks that the suite builds and runs (each benchmark verifies its own work after every iteration) and
# asserts nothing about time. Exits non-zero when the build or any benchmark fails. About a minute on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project Engine.Bench -- --filter '*' --short --live 10000 "$@"
