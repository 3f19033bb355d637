#!/usr/bin/env bash
# scripts/publish.sh <dir>: leaves in <dir> exactly the package the Azure Functions host runs:
#   host.json                          (customHandler → the executable below)
#   <Function>/function.json           one folder per function, generated from the C# declarations
#   PredictiveMigration.Functions      the self-contained linux-x64 custom handler, and its files
# Used by azd (azure.yaml prepackage hook) and by the deployment tests. Needs only the .NET SDK.
set -euo pipefail

out=${1:?usage: scripts/publish.sh <dir>}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mkdir -p "$out"
out=$(cd "$out" && pwd)
if [ -n "$(ls -A "$out")" ]; then
  # Only ever empty a folder that holds a previous package (or nothing).
  if [ ! -f "$out/host.json" ]; then
    echo "publish.sh: $out is not empty and holds no previous package; refusing to empty it" >&2
    exit 2
  fi
  find "$out" -mindepth 1 -delete
fi

# Build in a private artifacts folder: sharing the projects' bin/obj with a concurrent build (the test run that calls
# this script) races on their outputs.
work=$(mktemp -d "${TMPDIR:-/tmp}/pm-publish.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Self-contained: the Flex Consumption "custom" image is not known to carry the .NET 10 runtime (PROTOCOL.md §5).
dotnet publish "$root/src/PredictiveMigration.Functions" -c Release -r linux-x64 --self-contained true \
  --artifacts-path "$work" -p:DebugType=none -o "$out" --nologo -v quiet >&2
cp "$root/host.json" "$out/host.json"
# The shipped binary writes its own function.json files (same declarations as `pm functions emit`).
"$out/PredictiveMigration.Functions" emit-function-json "$out" >&2
chmod +x "$out/PredictiveMigration.Functions"
echo "$out"
