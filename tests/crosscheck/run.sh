#!/usr/bin/env bash
# CTest driver for the lora-packet cross-check: run.sh <path to crosscheck_frames>
#
# 1. Installs the pinned lora-packet with `npm ci` when node_modules is missing or was installed
#    from another package-lock.json (a fresh clone, or a lock file changed by a pull).
# 2. Pipes the frames Hortillon builds into the checker, which exits non-zero on any failure.
#
# node and npm are required: without them the test fails rather than skipping, so a CI machine
# that lost them cannot report a green run that checked nothing.
set -euo pipefail

frames=${1:?usage: run.sh <path to crosscheck_frames>}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "crosscheck: '$tool' not found. Install Node.js and npm (deploy/install-deps does," \
            "or: apt-get install nodejs npm), then re-run this test." >&2
        exit 1
    fi
done

# Serialise concurrent runs from several build directories: they share this source folder.
exec 9<"$here"
flock 9

lock_hash=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
stamp="$here/node_modules/.installed-from-lock"
if [ ! -d "$here/node_modules/lora-packet" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
    echo "crosscheck: installing lora-packet from package-lock.json (npm ci)"
    # --ignore-scripts: nothing in this tree needs install scripts, and CI runs this as root.
    if ! (cd "$here" && npm ci --silent --no-audit --no-fund --ignore-scripts); then
        echo "crosscheck: npm ci failed; the npm registry must be reachable to install" \
            "lora-packet the first time." >&2
        exit 1
    fi
    echo "$lock_hash" >"$stamp"
fi

"$frames" | node "$here/check_with_lora_packet.mjs"
