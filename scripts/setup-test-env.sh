#!/usr/bin/env bash
# Installs what the extension-host, UI and Neovim tests need, idempotently: Debian chromium, ripgrep, build tools,
# libkrb5-dev and neovim (apt; the language server's test with a real non-VS Code client, test/nvim), the npm dev dependencies (playwright-core among them), and code-server 4.100.3
# into .test-env/code-server (ignored by git). A second run only checks markers and takes about a second.
#
# code-server is installed without its postinstall scripts, which download from GitHub (unreachable
# here); the steps of its postinstall.sh are redone by hand. See ../shared/TESTING.md for why.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
CODE_SERVER_VERSION=4.100.3
ENV_DIR="$ROOT/.test-env"
CS_DIR="$ENV_DIR/code-server"
MARKER="$CS_DIR/.installed-$CODE_SERVER_VERSION"

log() { printf '[setup-test-env] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. Debian packages -----------------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/rg ] || need_apt+=(ripgrep)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/krb5/krb5.h ] || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null && command -v make >/dev/null || need_apt+=(build-essential)
command -v python3 >/dev/null || need_apt+=(python3)
[ -x /usr/bin/nvim ] || need_apt+=(neovim)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# --- 2. The project's npm dependencies (playwright-core, mocha, esbuild, ...) ------------------------
if [ ! -e node_modules/playwright-core/package.json ] || [ ! -e node_modules/.package-lock.json ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi

# --- 3. code-server, without GitHub -------------------------------------------------------------------
if [ -e "$MARKER" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in ${CS_DIR#"$ROOT"/}"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION into ${CS_DIR#"$ROOT"/} (about a minute)"
mkdir -p "$CS_DIR"
NODE_PREFIX="$(node -p "require('path').resolve(process.execPath, '../..')")"
if [ ! -e "$NODE_PREFIX/include/node/node.h" ]; then
  log "error: Node headers not found under $NODE_PREFIX/include/node; node-gyp would try to download them" >&2
  exit 1
fi
export npm_config_yes=true npm_config_nodedir="$NODE_PREFIX" npm_config_fund=false npm_config_audit=false \
  npm_config_update_notifier=false

cd "$CS_DIR"
[ -e package.json ] || echo '{ "name": "conference-notes-test-env", "private": true }' >package.json
npm install --ignore-scripts --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION"
npm_config_build_from_source=argon2 npm rebuild argon2 --loglevel=error

VSCODE_DIR="$CS_DIR/node_modules/code-server/lib/vscode"
cd "$VSCODE_DIR"
npm install --omit=dev --ignore-scripts --loglevel=error
# @vscode/ripgrep's postinstall downloads rg from GitHub; it skips the download when bin/ exists.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
npm_config_build_from_source=kerberos npm rebuild --loglevel=error
# The symlinks of code-server's postinstall.sh.
ln -sfn node_modules node_modules.asar
ln -sf code-linux.sh bin/remote-cli/code-server
ln -sf browser-linux.sh bin/helpers/browser.sh
(cd extensions && npm install --omit=dev --loglevel=error)

log "checking native modules"
node -e '
for (const m of ["kerberos", "node-pty", "@vscode/spdlog", "@vscode/deviceid", "native-watchdog", "@parcel/watcher"]) {
  require(require.resolve(m, { paths: [process.cwd()] }));
}
console.log("[setup-test-env] native modules load under Node " + process.version);
'
touch "$MARKER"
log "done"
