#!/bin/sh
# Copies Sentinel's live sentinel.conf (tmpfs) to VALKEY_SENTINEL_STATE_DIR
# without any secret (auth-pass, sentinel-pass, users), so a restarted Sentinel
# can fall back to the last known primary and topology.
set -euf
VALKEY_SCRIPT_NAME=sentinel-state-saver
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
: "${VALKEY_CONF_DIR:=/run/valkey/conf}"
: "${VALKEY_SENTINEL_STATE_DIR:=/data}"
: "${VALKEY_STATE_INTERVAL:=10}"
: "${VALKEY_STATE_ONCE:=false}"
src="$VALKEY_CONF_DIR/sentinel.conf"
dst="$VALKEY_SENTINEL_STATE_DIR/sentinel.conf"
last=""
while :; do
  if [ -r "$src" ]; then
    sum=$(cksum < "$src")
    if [ "$sum" != "$last" ]; then
      grep -v -E '^(user |requirepass|masterauth|sentinel (auth-pass|auth-user|sentinel-pass|sentinel-user) )' "$src" > "$dst.tmp" || true
      mv "$dst.tmp" "$dst"
      last=$sum
      log "saved Sentinel state to $dst"
    fi
  fi
  [ "$VALKEY_STATE_ONCE" = "true" ] && exit 0
  sleep "$VALKEY_STATE_INTERVAL"
done
