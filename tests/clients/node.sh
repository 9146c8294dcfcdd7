#!/usr/bin/env bash
# The Node client's suite: installs the locked dependencies (npm ci),
# generates and compiles the package, and runs `node --test` (unit and live).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root/client/node"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
node --test dist/test/
