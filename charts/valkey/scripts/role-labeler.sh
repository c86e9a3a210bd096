#!/bin/sh
# Sidecar (Sentinel mode): keeps the label valkey.io/role=primary|replica|unknown
# on its own pod so the client Service follows the current primary and the read
# Service selects replicas only. A node is "primary" only if it is a master AND
# the Sentinels agree (or none answer); a master the Sentinels disown is
# "unknown" (in neither Service).
# Inputs: POD_NAME, VALKEY_NAMESPACE, VALKEY_ANNOUNCE_HOST, VALKEY_ANNOUNCE_PORT,
# VALKEY_LABEL_INTERVAL, VALKEY_LABEL_ONCE, VALKEY_LOCAL_HOST,
# VALKEY_LABEL_COMMAND (test hook: called with the role instead of the API call).
set -euf
VALKEY_SCRIPT_NAME=role-labeler
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
: "${VALKEY_LABEL_INTERVAL:=5}"
: "${VALKEY_LABEL_ONCE:=false}"
: "${VALKEY_LOCAL_HOST:=127.0.0.1}"
: "${VALKEY_ANNOUNCE_PORT:=$VALKEY_PORT}"
: "${VALKEY_SECRETS_DIR:=/opt/valkey/secrets}"
: "${VALKEY_PASSWORD_FILE:=$VALKEY_SECRETS_DIR/valkey-password}"
: "${POD_NAME:=$(hostname)}"
: "${VALKEY_ANNOUNCE_HOST:=$(hostname -f 2>/dev/null || hostname)}"
SA=/var/run/secrets/kubernetes.io/serviceaccount

label() {
  if [ -n "${VALKEY_LABEL_COMMAND:-}" ]; then "$VALKEY_LABEL_COMMAND" "$1"; return; fi
  umask 077
  hdr="${TMPDIR:-/tmp}/role-labeler.auth"
  printf 'Authorization: Bearer %s\n' "$(cat "$SA/token")" > "$hdr"
  curl -sS -f --max-time 10 --cacert "$SA/ca.crt" -H @"$hdr" \
    -H 'Content-Type: application/merge-patch+json' -X PATCH \
    --data "{\"metadata\":{\"labels\":{\"valkey.io/role\":\"$1\"}}}" \
    "https://${KUBERNETES_SERVICE_HOST}:${KUBERNETES_SERVICE_PORT}/api/v1/namespaces/${VALKEY_NAMESPACE}/pods/${POD_NAME}" >/dev/null
}

current=""
while :; do
  # re-read each round so a rotated password is picked up
  REDISCLI_AUTH=""; load_password
  role=$(info_field "$VALKEY_LOCAL_HOST" "$VALKEY_PORT" replication role || true)
  want=""
  case "$role" in
    master)
      p=$(ask_sentinels_for_primary || true)
      if [ -z "$p" ] || [ "$p" = "$VALKEY_ANNOUNCE_HOST $VALKEY_ANNOUNCE_PORT" ]; then want=primary; else want=unknown; fi ;;
    slave|replica) want=replica ;;
  esac
  if [ -n "$want" ] && [ "$want" != "$current" ]; then
    if label "$want"; then log "labelled $POD_NAME valkey.io/role=$want"; current=$want; else log "WARNING: labelling failed"; fi
  fi
  [ "$VALKEY_LABEL_ONCE" = "true" ] && exit 0
  sleep "$VALKEY_LABEL_INTERVAL"
done
