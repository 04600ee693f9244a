#!/usr/bin/env bash
# What a user does with the packages: pack Engine.Resources, Engine.Render and the resdump tool into a local feed,
# create a fresh console project outside the solution that references the packages by version from that feed, build
# it and run README's usage example through it; install resdump from the feed as a .NET tool and run it.
# Exits non-zero at the first step that fails, saying which.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
feed=$work/feed
step() { echo "consumer test: $*"; }

step "packing $version into a local feed"
for project in Engine.Resources Engine.Render tools/Engine.Dump; do
  dotnet pack "$project" -c Release -o "$feed" -v q -nologo >/dev/null
done
# The same version may sit in the package cache from an earlier pack: a consumer must get these bits.
rm -rf ~/.nuget/packages/engine.resources/"$version" ~/.nuget/packages/engine.render/"$version" ~/.nuget/packages/resdump/"$version"

step "building a fresh console project against the packages"
mkdir "$work/consumer"
cat > "$work/consumer/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$feed" />
  </packageSources>
</configuration>
CONFIG
cat > "$work/consumer/consumer.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Engine.Resources" Version="$version" />
    <PackageReference Include="Engine.Render" Version="$version" />
  </ItemGroup>
</Project>
PROJECT
{
  echo "using Engine.Resources;"
  echo
  # README's usage example, verbatim.
  awk '/<!-- usage-example -->/{found=1; next} found && /^```csharp/{inside=1; next} inside && /^```/{exit} inside' README.md
  cat <<'TYPES'

// What the example assumes: payload structs and a stand-in for the native API.
public struct DeviceHandle { public int Native; }
public struct FrameScope { public int Frame; }
public struct BufferHandle { public int Native; }
public static class NativeApi
{
    public static void DestroyDevice(int device) => Console.WriteLine($"destroy device {device}");
    public static void DestroyBuffer(int device, int buffer) => Console.WriteLine($"destroy buffer {buffer} on device {device}");
}
TYPES
} > "$work/consumer/Program.cs"
# nuget.org stays available for the packages' own dependencies (the user's default sources).
output=$(cd "$work/consumer" && dotnet run -nologo --source "$feed" --source https://api.nuget.org/v3/index.json 2>&1) || { echo "$output"; step "FAILED: the consumer project did not build or run"; exit 1; }
expected=$'destroy buffer 2 on device 1\ndestroy device 1\nDevice "gpu" #0v1 created at frame 0, at Device "gpu" #0v1'
if [ "$output" != "$expected" ]; then
  echo "$output"
  step "FAILED: README's example printed something else"
  exit 1
fi

step "installing resdump from the feed as a .NET tool"
dotnet tool install resdump --tool-path "$work/tools" --add-source "$feed" --version "$version" >/dev/null
[ "$("$work/tools/resdump" --version)" = "$version" ] || { step "FAILED: resdump --version is not $version"; exit 1; }
"$work/tools/resdump" --help >/dev/null || { step "FAILED: resdump --help"; exit 1; }
step "ok (Engine.Resources, Engine.Render and resdump $version)"
