#!/usr/bin/env sh
# Regenerates the SPIR-V next to each GLSL source. Needs glslangValidator (Debian: glslang-tools).
# The .spv files are committed so building the project does not need the compiler.
set -eu
cd "$(dirname "$0")"
for src in *.vert *.frag *.comp; do
    [ -e "$src" ] || continue
    glslangValidator -V --target-env vulkan1.2 -o "$src.spv" "$src"
done
