#!/bin/sh
# Sidecar: applies changed passwords from the mounted Secret without a restart.
# data nodes: ACL SETUSER <user> resetpass >pw + ACL SAVE when an aclfile is in
# use, else CONFIG SET requirepass + CONFIG REWRITE; masterauth follows the
# default (or replication) user's password. Sentinel: ACL SETUSER default,
# SENTINEL SET <set> auth-pass, SENTINEL CONFIG SET sentinel-pass, SENTINEL FLUSHCONFIG.
# Commands go through stdin, never the command line.
# Inputs: VALKEY_WATCH_KIND data|sentinel, VALKEY_SECRETS_DIR, VALKEY_ACL_USERS_FILE,
# VALKEY_WATCH_INTERVAL, VALKEY_WATCH_ONCE, VALKEY_LOCAL_HOST, VALKEY_PORT / VALKEY_SENTINEL_PORT.
set -euf
VALKEY_SCRIPT_NAME=password-watcher
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
: "${VALKEY_WATCH_KIND:=data}"
: "${VALKEY_SECRETS_DIR:=/opt/valkey/secrets}"
: "${VALKEY_ACL_USERS_FILE:=/etc/valkey/base/acl-users.conf}"
: "${VALKEY_WATCH_INTERVAL:=10}"
: "${VALKEY_WATCH_ONCE:=false}"
: "${VALKEY_LOCAL_HOST:=127.0.0.1}"
: "${VALKEY_MODE:=standalone}"
: "${VALKEY_REPLICATION_USER:=}"
: "${VALKEY_STATE_DIR:=${TMPDIR:-/tmp}/password-watcher}"

H=$VALKEY_LOCAL_HOST
P=$VALKEY_PORT
[ "$VALKEY_WATCH_KIND" = "sentinel" ] && P=$VALKEY_SENTINEL_PORT
PWFILE="$VALKEY_SECRETS_DIR/valkey-password"
umask 077
mkdir -p "$VALKEY_STATE_DIR"

current=$(cat "$PWFILE" 2>/dev/null || true)

# run COMMAND-LINE : one command through stdin, authenticated with the current password
run() {
  printf '%s\n' "$1" | REDISCLI_AUTH=$current vcli "$H" "$P" -e >/dev/null 2>&1
}
authed() { [ "$(REDISCLI_AUTH=$1 vcli_cmd "$H" "$P" PING)" = "PONG" ]; }

apply_default() { # new password
  new=$1
  if [ "$VALKEY_WATCH_KIND" = "sentinel" ]; then
    run "ACL SETUSER default resetpass >$new" || return 1
    current=$new
    run "SENTINEL SET $VALKEY_SENTINEL_MASTER_SET auth-pass $new" || log "WARNING: SENTINEL SET auth-pass failed"
    run "SENTINEL CONFIG SET sentinel-pass $new" || log "WARNING: SENTINEL CONFIG SET sentinel-pass failed"
    run "SENTINEL FLUSHCONFIG" || true
    return 0
  fi
  aclfile=$(printf 'CONFIG GET aclfile\n' | REDISCLI_AUTH=$current vcli "$H" "$P" 2>/dev/null | sed -n 2p | tr -d '\r')
  if [ -n "$aclfile" ]; then
    run "ACL SETUSER default resetpass >$new" || return 1
    current=$new
    run "ACL SAVE" || log "WARNING: ACL SAVE failed"
  else
    run "CONFIG SET requirepass $new" || return 1
    current=$new
  fi
  if [ "$VALKEY_MODE" != "standalone" ] && [ -z "$VALKEY_REPLICATION_USER" ]; then
    run "CONFIG SET masterauth $new" || log "WARNING: CONFIG SET masterauth failed"
  fi
  run "CONFIG REWRITE" || log "WARNING: CONFIG REWRITE failed"
}

check_default() {
  new=$(cat "$PWFILE" 2>/dev/null || true)
  [ -n "$new" ] && [ "$new" != "$current" ] || return 0
  if ! authed "$current" && authed "$new"; then
    log "server already uses the new password"
    current=$new
    return 0
  fi
  if apply_default "$new"; then log "default user password rotated"; else log "ERROR: could not apply the new default password"; fi
}

check_users() {
  [ -r "$VALKEY_ACL_USERS_FILE" ] || return 0
  while read -r name pwfile state rules; do
    case "$name" in ''|\#*) continue ;; esac
    f="$VALKEY_SECRETS_DIR/$pwfile"
    [ -r "$f" ] || continue
    sum=$(cksum < "$f")
    last=$(cat "$VALKEY_STATE_DIR/$name.sum" 2>/dev/null || true)
    if [ -z "$last" ]; then printf '%s' "$sum" > "$VALKEY_STATE_DIR/$name.sum"; continue; fi
    [ "$sum" != "$last" ] || continue
    pw=$(cat "$f")
    if [ "$state" = "on" ] && run "ACL SETUSER $name on resetpass >$pw"; then
      printf '%s' "$sum" > "$VALKEY_STATE_DIR/$name.sum"
      log "password of ACL user $name rotated"
      if [ "$VALKEY_WATCH_KIND" = "data" ]; then
        run "ACL SAVE" || log "WARNING: ACL SAVE failed"
        if [ "$name" = "$VALKEY_REPLICATION_USER" ]; then
          run "CONFIG SET masterauth $pw" && run "CONFIG REWRITE" || log "WARNING: masterauth update failed"
        fi
      else
        run "SENTINEL FLUSHCONFIG" || true
      fi
    fi
  done < "$VALKEY_ACL_USERS_FILE"
}

log "watching $VALKEY_SECRETS_DIR every ${VALKEY_WATCH_INTERVAL}s ($VALKEY_WATCH_KIND on $H:$P)"
while :; do
  check_default || true
  check_users || true
  [ "$VALKEY_WATCH_ONCE" = "true" ] && exit 0
  sleep "$VALKEY_WATCH_INTERVAL"
done
