#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 for the browser) into .e2e-cache/ for the end-to-end suite.
# It lives in its own npm prefix so the project's package.json and lock file stay lean.
# A stamp file marks a finished install; a rerun with the stamp present does nothing.
# Needs: npm registry access, g++/make, and the Debian packages
#   libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev pkg-config ripgrep chromium
set -euo pipefail
cd "$(dirname "$0")/.."

version=4.100.3
cache=${MG_E2E_CACHE:-$PWD/.e2e-cache}
prefix="$cache/code-server-$version"
# Bump the recipe number when the steps change, so existing caches get rebuilt.
stamp="$prefix/.ready-recipe2-node-abi$(node -p process.versions.modules)"
vscode="$prefix/node_modules/code-server/lib/vscode"

if [ -f "$stamp" ]; then
  echo "e2e-setup: code-server $version already installed in $prefix"
  exit 0
fi

# Test files run in parallel and each may call this script: one installs, the others wait for it.
mkdir -p "$cache"
exec 9>"$cache/.setup.lock"
flock 9
if [ -f "$stamp" ]; then
  echo "e2e-setup: code-server $version installed by a parallel run in $prefix"
  exit 0
fi

for tool in rg g++ make pkg-config; do
  command -v "$tool" >/dev/null || { echo "e2e-setup: missing '$tool' (apt-get install ripgrep g++ make pkg-config ...)" >&2; exit 2; }
done

npm_quiet=(--no-audit --no-fund --loglevel=error)
mkdir -p "$prefix"
# A package.json of its own stops npm from walking up into the project's.
[ -f "$prefix/package.json" ] || echo '{ "name": "mg-e2e-code-server", "private": true }' >"$prefix/package.json"

echo "e2e-setup: npm install code-server@$version"
(cd "$prefix" && npm install "${npm_quiet[@]}" --ignore-scripts --save-exact "code-server@$version")

echo "e2e-setup: VS Code server dependencies"
(cd "$vscode" && npm install "${npm_quiet[@]}" --omit=dev --ignore-scripts)
(cd "$vscode" && npm_config_yes=true npm rebuild "${npm_quiet[@]}" kerberos node-pty @parcel/watcher)
# Beyond the issue's recipe: without spdlog the server writes no log files, and the Output panel shows
# nothing for extensions' log channels (the Migration Guard channel included) — a failed run needs them.
(cd "$vscode" && npm_config_yes=true npm rebuild "${npm_quiet[@]}" @vscode/spdlog)
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
[ -e "$vscode/node_modules.asar" ] || ln -s node_modules "$vscode/node_modules.asar"

echo "e2e-setup: built-in extensions' dependencies"
(cd "$vscode/extensions" && npm install "${npm_quiet[@]}" --omit=dev --ignore-scripts)

echo "e2e-setup: argon2"
(cd "$prefix" && npm rebuild "${npm_quiet[@]}" argon2)

# --config keeps code-server from writing a default config into ~/.config.
node "$prefix/node_modules/code-server/out/node/entry.js" --config "$prefix/config.yaml" --version
touch "$stamp"
echo "e2e-setup: code-server $version ready in $prefix"
