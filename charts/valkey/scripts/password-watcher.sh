#!/bin/sh
# Sidecar: applies changed passwords from the mounted Secret without a restart.
# Each pod's watcher polls on its own timer, so pods see a new Secret at
# different moments (kubelet sync + VALKEY_WATCH_INTERVAL). To keep every link
# up meanwhile, a changed password is rotated in two phases:
#   1. ACL SETUSER <user> >new: the new password is accepted NEXT TO the old one;
#      outgoing credentials (data: masterauth; Sentinel: auth-pass,
#      sentinel-pass) switch to the new one as soon as the other side accepts it.
#   2. after VALKEY_ROTATION_GRACE seconds: ACL SETUSER <user> resetpass >new
#      removes the old password; outgoing credentials are switched in any case.
# Data nodes ACL SAVE when an aclfile is in use and CONFIG REWRITE (the runtime
# config lives on tmpfs); Sentinels SENTINEL FLUSHCONFIG. Passwords go to
# valkey-cli through stdin (-x: taken verbatim as the last argument), never on
# a command line; the state dir holds checksums, never passwords.
# Inputs: VALKEY_WATCH_KIND data|sentinel, VALKEY_SECRETS_DIR, VALKEY_ACL_USERS_FILE,
# VALKEY_WATCH_INTERVAL, VALKEY_ROTATION_GRACE, VALKEY_WATCH_ONCE, VALKEY_LOCAL_HOST,
# VALKEY_PORT / VALKEY_SENTINEL_PORT, VALKEY_MODE, VALKEY_REPLICATION_USER,
# VALKEY_STATE_DIR (default: $TMPDIR/password-watcher, an emptyDir kept across
# container restarts).
set -euf
VALKEY_SCRIPT_NAME=password-watcher
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
: "${VALKEY_WATCH_KIND:=data}"
: "${VALKEY_SECRETS_DIR:=/opt/valkey/secrets}"
: "${VALKEY_ACL_USERS_FILE:=/etc/valkey/base/acl-users.conf}"
: "${VALKEY_WATCH_INTERVAL:=10}"
: "${VALKEY_ROTATION_GRACE:=120}"
: "${VALKEY_WATCH_ONCE:=false}"
: "${VALKEY_LOCAL_HOST:=127.0.0.1}"
: "${VALKEY_MODE:=standalone}"
: "${VALKEY_REPLICATION_USER:=}"
: "${VALKEY_STATE_DIR:=${TMPDIR:-/tmp}/password-watcher}"

H=$VALKEY_LOCAL_HOST
P=$VALKEY_PORT
[ "$VALKEY_WATCH_KIND" = "sentinel" ] && P=$VALKEY_SENTINEL_PORT
STATE=$VALKEY_STATE_DIR
umask 077
mkdir -p "$STATE"

# The default user's password this watcher authenticates with (known to work).
current=$(cat "$VALKEY_SECRETS_DIR/valkey-password" 2>/dev/null || true)

# run ARGS... : one command as the default user, fails on an error reply
run() { REDISCLI_AUTH=$current VALKEY_CLI_USER='' vcli "$H" "$P" -e "$@" </dev/null >/dev/null 2>&1; }
# run_secret SECRET ARGS... : like run, SECRET (read from stdin) is the last argument
run_secret() { _s=$1; shift; printf '%s' "$_s" | REDISCLI_AUTH=$current VALKEY_CLI_USER='' vcli "$H" "$P" -e -x "$@" >/dev/null 2>&1; }
# accepts HOST PORT USER PASSWORD : the server there lets USER in with PASSWORD
# (sh has no local variables: each function uses its own names)
accepts() {
  _au=$3; [ "$_au" = "default" ] && _au=''
  [ "$(REDISCLI_AUTH=$4 VALKEY_CLI_USER=$_au vcli_cmd "$1" "$2" PING </dev/null)" = "PONG" ]
}
now() { date +%s; }
sum_of() { printf '%s' "$1" | cksum | tr ' ' _; }

persist() {
  if [ "$VALKEY_WATCH_KIND" = "sentinel" ]; then run SENTINEL FLUSHCONFIG || log "WARNING: SENTINEL FLUSHCONFIG failed"; return 0; fi
  aclfile=$(REDISCLI_AUTH=$current VALKEY_CLI_USER='' vcli_cmd "$H" "$P" CONFIG GET aclfile </dev/null | sed -n 2p)
  if [ -n "$aclfile" ]; then run ACL SAVE || log "WARNING: ACL SAVE failed"; fi
  run CONFIG REWRITE || log "WARNING: CONFIG REWRITE failed"
}

# switch_outgoing USER PASSWORD SUM force|when-accepted : the credentials this
# process uses towards other servers, once they accept the new password.
switch_outgoing() {
  _ou=$1; _opw=$2; _osum=$3; _ohow=$4
  if [ "$VALKEY_WATCH_KIND" = "data" ]; then
    [ "$VALKEY_MODE" != "standalone" ] || return 0
    [ "$_ou" = "${VALKEY_REPLICATION_USER:-default}" ] || return 0
    [ "$(cat "$STATE/$_ou.masterauth" 2>/dev/null || true)" != "$_osum" ] || return 0
    if [ "$_ohow" != "force" ]; then
      info=$(REDISCLI_AUTH=$current VALKEY_CLI_USER='' vcli_cmd "$H" "$P" INFO replication </dev/null)
      [ "$(printf '%s\n' "$info" | sed -n 's/^role://p')" = "slave" ] || return 0
      mh=$(printf '%s\n' "$info" | sed -n 's/^master_host://p'); mp=$(printf '%s\n' "$info" | sed -n 's/^master_port://p')
      accepts "$mh" "$mp" "$_ou" "$_opw" || return 0
    fi
    run_secret "$_opw" CONFIG SET masterauth || { log "WARNING: CONFIG SET masterauth failed"; return 0; }
    printf '%s' "$_osum" > "$STATE/$_ou.masterauth"
    run CONFIG REWRITE || log "WARNING: CONFIG REWRITE failed"
    log "masterauth switched to the new password of $_ou"
    return 0
  fi
  [ "$_ou" = "default" ] || return 0
  if [ "$(cat "$STATE/auth-pass" 2>/dev/null || true)" != "$_osum" ]; then
    ok=$_ohow
    if [ "$ok" != "force" ]; then
      set -- $(ask_primary_here)
      [ $# -eq 2 ] && accepts "$1" "$2" default "$_opw" && ok=force
    fi
    if [ "$ok" = "force" ] && run_secret "$_opw" SENTINEL SET "$VALKEY_SENTINEL_MASTER_SET" auth-pass; then
      printf '%s' "$_osum" > "$STATE/auth-pass"
      log "auth-pass of $VALKEY_SENTINEL_MASTER_SET switched to the new password"
      run SENTINEL FLUSHCONFIG || true
    fi
  fi
  if [ "$(cat "$STATE/sentinel-pass" 2>/dev/null || true)" != "$_osum" ]; then
    ok=$_ohow
    if [ "$ok" != "force" ]; then
      ok=force
      for a in $(sentinel_addrs | tr ' ' ':'); do
        accepts "${a%:*}" "${a##*:}" default "$_opw" || { ok=no; break; }
      done
    fi
    if [ "$ok" = "force" ] && run_secret "$_opw" SENTINEL CONFIG SET sentinel-pass; then
      printf '%s' "$_osum" > "$STATE/sentinel-pass"
      log "sentinel-pass switched to the new password"
      run SENTINEL FLUSHCONFIG || true
    fi
  fi
}

# "host port" of the primary as this Sentinel sees it
ask_primary_here() {
  REDISCLI_AUTH=$current VALKEY_CLI_USER='' vcli_cmd "$H" "$P" SENTINEL GET-MASTER-ADDR-BY-NAME "$VALKEY_SENTINEL_MASTER_SET" </dev/null | tr '\n' ' '
}

# rotate USER FILE [on] : one step of the two-phase rotation of USER's password
rotate() {
  _u=$1; _f=$2; _on=${3:-}
  [ -r "$_f" ] || return 0
  _pw=$(cat "$_f")
  [ -n "$_pw" ] || return 0
  _sum=$(sum_of "$_pw")
  applied=$(cat "$STATE/$_u.applied" 2>/dev/null || true)
  if [ -z "$applied" ]; then
    # First look: the pod was started with this Secret.
    if [ "$_u" = "default" ] && ! accepts "$H" "$P" default "$_pw"; then
      log "ERROR: the server does not accept the mounted password of the default user and the previous one is unknown; restart the pod"
      return 1
    fi
    for k in applied masterauth; do printf '%s' "$_sum" > "$STATE/$_u.$k"; done
    if [ "$_u" = "default" ] && [ "$VALKEY_WATCH_KIND" = "sentinel" ]; then
      printf '%s' "$_sum" > "$STATE/auth-pass"; printf '%s' "$_sum" > "$STATE/sentinel-pass"
    fi
    return 0
  fi
  if [ "$_sum" = "$applied" ]; then rm -f "$STATE/$_u.pending"; return 0; fi
  pending=$(cat "$STATE/$_u.pending" 2>/dev/null || true)
  if [ "${pending%% *}" != "$_sum" ]; then
    run_secret ">$_pw" ACL SETUSER "$_u" $_on || { log "ERROR: could not add the new password of $_u"; return 1; }
    printf '%s %s' "$_sum" "$(now)" > "$STATE/$_u.pending"
    [ "$_u" = "default" ] && current=$_pw
    persist
    log "$_u: new password accepted next to the old one; the old one is removed in ${VALKEY_ROTATION_GRACE}s"
    switch_outgoing "$_u" "$_pw" "$_sum" when-accepted
    return 0
  fi
  [ "$_u" = "default" ] && current=$_pw
  switch_outgoing "$_u" "$_pw" "$_sum" when-accepted
  since=${pending#* }
  [ $(($(now) - since)) -ge "$VALKEY_ROTATION_GRACE" ] || return 0
  switch_outgoing "$_u" "$_pw" "$_sum" force
  run_secret ">$_pw" ACL SETUSER "$_u" resetpass || { log "ERROR: could not remove the old password of $_u"; return 1; }
  persist
  printf '%s' "$_sum" > "$STATE/$_u.applied"
  rm -f "$STATE/$_u.pending"
  log "$_u: password rotated, the old one no longer works"
}

check_users() {
  [ -r "$VALKEY_ACL_USERS_FILE" ] || return 0
  while read -r name pwfile state rules; do
    case "$name" in ''|\#*) continue ;; esac
    [ "$state" = "on" ] || continue
    rotate "$name" "$VALKEY_SECRETS_DIR/$pwfile" on || true
  done < "$VALKEY_ACL_USERS_FILE"
}

log "watching $VALKEY_SECRETS_DIR every ${VALKEY_WATCH_INTERVAL}s ($VALKEY_WATCH_KIND on $H:$P, grace ${VALKEY_ROTATION_GRACE}s)"
while :; do
  rotate default "$VALKEY_SECRETS_DIR/valkey-password" || true
  check_users || true
  [ "$VALKEY_WATCH_ONCE" = "true" ] && exit 0
  sleep "$VALKEY_WATCH_INTERVAL"
done
