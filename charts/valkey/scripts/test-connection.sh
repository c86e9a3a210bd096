#!/bin/sh
# helm test: PING through the client Service; cluster: cluster_state ok;
# sentinel: the Sentinels name a primary and it answers PING.
set -euf
VALKEY_SCRIPT_NAME=test-connection
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
: "${VALKEY_TEST_HOST:=127.0.0.1}"
: "${VALKEY_TEST_SENTINEL_HOST:=}"
load_password
r=$(vcli_cmd "$VALKEY_TEST_HOST" "$VALKEY_PORT" PING || true)
[ "$r" = "PONG" ] || die "PING to $VALKEY_TEST_HOST:$VALKEY_PORT answered '$r'"
log "PING $VALKEY_TEST_HOST:$VALKEY_PORT -> PONG"
if [ "${VALKEY_MODE:-}" = "cluster" ]; then
  cluster_ok "$VALKEY_TEST_HOST" "$VALKEY_PORT" || die "cluster_state is not ok"
  log "cluster_state:ok"
fi
if [ -n "$VALKEY_TEST_SENTINEL_HOST" ]; then
  p=$(VALKEY_SENTINEL_ADDRESSES="$VALKEY_TEST_SENTINEL_HOST:$VALKEY_SENTINEL_PORT" ask_sentinels_for_primary)
  [ -n "$p" ] || die "Sentinel $VALKEY_TEST_SENTINEL_HOST does not know the primary"
  set -- $p
  ping_ok "$1" "$2" || die "primary $1:$2 does not answer PING"
  log "Sentinel primary $1:$2 -> PONG"
fi
