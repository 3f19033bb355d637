#!/usr/bin/env bash
# ./pm … — the PredictiveMigration command line (builds on first use; needs the .NET SDK, and Node.js for Azurite).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec dotnet run --project "$root/src/PredictiveMigration.Cli" -c Release -- "$@"
