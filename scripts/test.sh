#!/usr/bin/env bash
# The test command (README): installs what the tests need, starts one Azurite for the whole run on free loopback
# ports, runs every test project of the solution, stops Azurite, prints "N passed, N failed, N skipped" and exits
# non-zero on any failure. Needs the .NET SDK and Node.js; everything else is installed here.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

AZURITE_VERSION=3.37.0
tools="$root/.tools"
results="$root/artifacts/test-results"
azurite_bin="$tools/azurite/node_modules/.bin/azurite"

log() { printf '[test.sh] %s\n' "$*" >&2; }

# 1. Azurite from npm, into a project-local folder (never global).
if [ ! -x "$azurite_bin" ]; then
  log "installing azurite@$AZURITE_VERSION into .tools/azurite"
  npm install --prefix "$tools/azurite" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >&2
fi
export PM_AZURITE_BIN="$azurite_bin"

# 1b. Debian packages some tests need: rsync (the replication benchmark compares against it) and Chromium (the
#     dashboard's browser tests drive it headless through Playwright; Playwright never downloads a browser here).
missing=()
command -v rsync >/dev/null 2>&1 || missing+=(rsync)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
export PM_CHROMIUM="/usr/bin/chromium"

# The golden Durable vectors live in ../shared beside the repository. A clone made elsewhere (say in a temp folder)
# finds them beside the repository it was cloned from, when that is a local folder.
if [ -z "${PM_DURABLE_VECTORS:-}" ] && [ ! -d "$root/../shared/durable-vectors" ]; then
  origin=$(git -C "$root" config --get remote.origin.url 2>/dev/null || true)
  if [ -n "$origin" ] && [ -d "$origin/../shared/durable-vectors" ]; then
    export PM_DURABLE_VECTORS="$(cd "$origin/../shared/durable-vectors" && pwd)"
    log "golden Durable vectors from beside the origin: $PM_DURABLE_VECTORS"
  fi
fi

# 2. Free loopback ports (asked of the kernel through Node, which the machine has), and Azurite on them.
read -r blob_port queue_port table_port < <(node -e '
  const net = require("net");
  const open = () => new Promise(resolve => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => resolve(s)); });
  Promise.all([open(), open(), open()]).then(servers => {
    console.log(servers.map(s => s.address().port).join(" "));
    servers.forEach(s => s.close());
  });')
azurite_dir=$(mktemp -d "${TMPDIR:-/tmp}/pm-azurite.XXXXXX")
"$azurite_bin" --silent --skipApiVersionCheck --loose --disableProductStyleUrl \
  --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort "$table_port" --location "$azurite_dir" >"$azurite_dir/azurite.log" 2>&1 &
azurite_pid=$!

cleanup() {
  if kill -0 "$azurite_pid" 2>/dev/null; then
    kill "$azurite_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$azurite_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$azurite_pid" 2>/dev/null || true
  fi
  rm -rf "$azurite_dir"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$table_port") 2>/dev/null; then break; fi
  if ! kill -0 "$azurite_pid" 2>/dev/null; then log "azurite exited at start:"; cat "$azurite_dir/azurite.log" >&2; exit 1; fi
  sleep 0.1
done
log "azurite on 127.0.0.1 (blob $blob_port, queue $queue_port, table $table_port)"

key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
export PM_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"

# 3. Every test project, with a TRX report each (the totals are summed from them).
rm -rf "$results"
mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
set +e
# The command-line tests run whole processes (the sandbox, the benchmarks) that load both cores and the shared Azurite:
# they go after the rest, alone, so they cannot starve the timing-bound Durable tests running beside them.
dotnet test "$root/PredictiveMigration.sln" -c Release --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" \
  --filter "FullyQualifiedName!~PredictiveMigration.Cli.Tests" "$@"
status=$?
dotnet test "$root/tests/PredictiveMigration.Cli.Tests/PredictiveMigration.Cli.Tests.csproj" -c Release --no-build --logger "trx" \
  --logger "console;verbosity=minimal" --results-directory "$results" "$@"
[ $? -eq 0 ] || status=1
set -e

# 4. Totals over all projects, alone on the last line.
totals=$(node -e '
  const fs = require("fs"), path = require("path"); let p = 0, f = 0, s = 0, files = 0;
  for (const name of fs.readdirSync(process.argv[1])) {
    if (!name.endsWith(".trx")) continue; files++;
    const text = fs.readFileSync(path.join(process.argv[1], name), "utf8");
    const m = text.match(/<Counters\b[^>]*>/); if (!m) continue;
    const get = k => Number((m[0].match(new RegExp(k + "=\"(\\d+)\"")) || [0, 0])[1]);
    p += get("passed"); f += get("failed") + get("error") + get("timeout") + get("aborted");
    // xUnit skips are neither executed nor counted as notExecuted: skipped = total - executed.
    s += Math.max(get("notExecuted"), get("total") - get("executed"));
  }
  // A project that failed to build or crashed leaves no report: count it as a failure, never as silence.
  const failedRun = Number(process.argv[2]) !== 0;
  if (files === 0 || (failedRun && f === 0)) f = Math.max(f, 1);
  console.log(`${p} passed, ${f} failed, ${s} skipped`);' "$results" "$status")
echo "$totals"
if [ "$status" -ne 0 ] || ! grep -q ' 0 failed,' <<<"$totals"; then
  exit 1
fi
