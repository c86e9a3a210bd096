#!/bin/sh
# Writes the runtime configuration of a data pod into VALKEY_CONF_DIR (a tmpfs
# emptyDir): include of the base config, ACL file (hashed passwords), masterauth,
# announce hostnames and - per mode - replicaof. Nothing secret is written to
# the data volume.
#
# Inputs (env): VALKEY_MODE standalone|replication|sentinel|cluster, VALKEY_BASE_CONFIG,
# VALKEY_CONF_DIR, VALKEY_DATA_DIR, VALKEY_SECRETS_DIR (valkey-password,
# monitoring-password, acl/<user>, users.acl), VALKEY_ACL_USERS_FILE, VALKEY_AUTH_ENABLED,
# VALKEY_ANNOUNCE_HOST/PORT, VALKEY_REPLICATION_USER, VALKEY_EXTRA_FLAGS_FILE,
# VALKEY_REQUIRED_SECRETS (see check_required_secrets in lib.sh),
# VALKEY_LISTEN_PORT / VALKEY_LISTEN_TLS_PORT (override the base ports),
# replication: VALKEY_ROLE primary|replica, VALKEY_PRIMARY_HOST, VALKEY_PRIMARY_PORT
# sentinel: Sentinel addressing from lib.sh, VALKEY_PRIMARY_LOOKUP_TIMEOUT, VALKEY_PRIMARY_PORT
set -euf
VALKEY_SCRIPT_NAME=valkey-init
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
check_required_secrets

: "${VALKEY_MODE:=standalone}"
: "${VALKEY_CONF_DIR:=/run/valkey/conf}"
: "${VALKEY_DATA_DIR:=/data}"
: "${VALKEY_BASE_CONFIG:=/etc/valkey/base/valkey.conf}"
: "${VALKEY_ACL_USERS_FILE:=/etc/valkey/base/acl-users.conf}"
: "${VALKEY_EXTRA_FLAGS_FILE:=}"
: "${VALKEY_SECRETS_DIR:=/opt/valkey/secrets}"
: "${VALKEY_PASSWORD_FILE:=$VALKEY_SECRETS_DIR/valkey-password}"
: "${VALKEY_AUTH_ENABLED:=true}"
: "${VALKEY_ANNOUNCE_HOST:=$(hostname -f 2>/dev/null || hostname)}"
: "${VALKEY_ANNOUNCE_PORT:=$VALKEY_PORT}"
: "${VALKEY_PRIMARY_PORT:=$VALKEY_ANNOUNCE_PORT}"
: "${VALKEY_PRIMARY_LOOKUP_TIMEOUT:=30}"
: "${VALKEY_APPENDONLY:=no}"
: "${VALKEY_REPLICATION_USER:=}"
: "${POD_NAME:=$(hostname)}"
: "${POD_IP:=}"

umask 077
mkdir -p "$VALKEY_CONF_DIR" "$VALKEY_DATA_DIR"
CONF="$VALKEY_CONF_DIR/valkey.conf"
ACL="$VALKEY_CONF_DIR/users.acl"
TMP="$CONF.tmp.$$"

hash_pw() {
  if command -v sha256sum >/dev/null 2>&1; then
    printf '#%s' "$(printf '%s' "$1" | sha256sum | cut -d' ' -f1)"
  else
    printf '>%s' "$1"
  fi
}

read_secret() { if [ -r "$VALKEY_SECRETS_DIR/$1" ]; then cat "$VALKEY_SECRETS_DIR/$1"; fi; }

# ---- ACL file -------------------------------------------------------------
write_acl() {
  : > "$ACL.tmp"
  if [ -r "$VALKEY_SECRETS_DIR/users.acl" ]; then
    log "using the ACL file from acl.existingSecret"
    cat "$VALKEY_SECRETS_DIR/users.acl" > "$ACL.tmp"
  else
    printf 'user default on %s ~* &* +@all\n' "$(hash_pw "$PASSWORD")" >> "$ACL.tmp"
    if [ -r "$VALKEY_ACL_USERS_FILE" ]; then
      while read -r name pwfile state rules; do
        case "$name" in ''|\#*) continue ;; esac
        pw=$(read_secret "$pwfile")
        if [ -n "$pw" ] && [ "$state" = "on" ]; then
          printf 'user %s on %s %s\n' "$name" "$(hash_pw "$pw")" "$rules" >> "$ACL.tmp"
        else
          log "ACL user $name is disabled or has no password: created off"
          printf 'user %s off %s\n' "$name" "$rules" >> "$ACL.tmp"
        fi
      done < "$VALKEY_ACL_USERS_FILE"
    fi
  fi
  mv "$ACL.tmp" "$ACL"
}

# ---- cluster: heal peer addresses in nodes.conf -----------------------------
heal_nodes_conf() {
  nc="$VALKEY_DATA_DIR/nodes.conf"
  [ -s "$nc" ] || return 0
  : > "$nc.heal"
  while IFS= read -r line; do
    set -- $line
    if [ $# -ge 3 ] && [ "$1" != "vars" ]; then
      addr=$2; flags=$3
      hostpart=${addr#*,}
      [ "$hostpart" = "$addr" ] && hostpart=""
      hostname=${hostpart%%,*}
      ipport=${addr%%,*}
      ip=${ipport%:*}
      rest=${ipport##*:}
      new=""
      case ",$flags," in
        *,myself,*) [ -n "$POD_IP" ] && new=$POD_IP ;;
        *) if [ -n "$hostname" ] && ! is_ip "$hostname"; then
             r=$(resolve_ip "$hostname"); is_ip "$r" && new=$r
           fi ;;
      esac
      if [ -n "$new" ] && [ "$new" != "$ip" ]; then
        log "nodes.conf: $hostname${hostname:+ }$ip -> $new"
        line=$(printf '%s\n' "$line" | awk -v old="$ip:$rest" -v nw="$new:$rest" '{ sub(old, nw); print }')
      fi
    fi
    printf '%s\n' "$line" >> "$nc.heal"
  done < "$nc"
  mv "$nc.heal" "$nc"
}

# ---- AOF over existing RDB data ---------------------------------------------
# Enabling appendonly over an RDB-only data dir would start empty. Seed the AOF
# with the RDB as its base file so the data set is loaded.
seed_aof_from_rdb() {
  [ "$VALKEY_APPENDONLY" = "yes" ] || return 0
  [ -s "$VALKEY_DATA_DIR/dump.rdb" ] || return 0
  [ -e "$VALKEY_DATA_DIR/appendonlydir" ] && return 0
  [ -e "$VALKEY_DATA_DIR/appendonly.aof" ] && return 0
  log "appendonly enabled over existing RDB data: seeding appendonlydir from dump.rdb"
  mkdir -p "$VALKEY_DATA_DIR/appendonlydir"
  cp "$VALKEY_DATA_DIR/dump.rdb" "$VALKEY_DATA_DIR/appendonlydir/appendonly.aof.1.base.rdb"
  printf 'file appendonly.aof.1.base.rdb seq 1 type b\n' > "$VALKEY_DATA_DIR/appendonlydir/appendonly.aof.manifest"
}

# ---- Sentinel: who is the primary? ------------------------------------------
find_primary() {
  deadline=$(($(date +%s) + VALKEY_PRIMARY_LOOKUP_TIMEOUT))
  while :; do
    p=$(ask_sentinels_for_primary)
    if [ -n "$p" ]; then log "Sentinels report primary: $p"; echo "$p"; return 0; fi
    [ "$(date +%s)" -lt "$deadline" ] || break
    sleep 2
  done
  p=$(VALKEY_PORT=$VALKEY_PRIMARY_PORT master_among_data_pods "${VALKEY_DATA_COUNT:-3}" "$VALKEY_ANNOUNCE_HOST" "$VALKEY_ANNOUNCE_PORT")
  if [ -n "$p" ]; then
    log "no Sentinel answered; data pod $p is a primary"
    echo "$p"; return 0
  fi
  if [ -s "$VALKEY_DATA_DIR/.last-known-primary" ]; then
    p=$(head -n 1 "$VALKEY_DATA_DIR/.last-known-primary")
    log "no Sentinel answered; using the persisted last known primary: $p"
    echo "$p"; return 0
  fi
  p=$(node_addr 0)
  log "no Sentinel answered and no persisted state: fresh start, primary is ordinal 0 ($p)"
  echo "$p"
}

# ---- main --------------------------------------------------------------------
PASSWORD=""
if [ "$VALKEY_AUTH_ENABLED" = "true" ]; then
  [ -r "$VALKEY_PASSWORD_FILE" ] || die "password file $VALKEY_PASSWORD_FILE is missing"
  PASSWORD=$(cat "$VALKEY_PASSWORD_FILE")
  REDISCLI_AUTH=$PASSWORD; export REDISCLI_AUTH
  write_acl
fi

{
  echo "# generated by valkey-init.sh at $(date -u +%Y-%m-%dT%H:%M:%SZ) - tmpfs, do not persist"
  echo "include $VALKEY_BASE_CONFIG"
  echo "dir $VALKEY_DATA_DIR"
  [ -n "${VALKEY_LISTEN_PORT:-}" ] && echo "port $VALKEY_LISTEN_PORT"
  [ -n "${VALKEY_LISTEN_TLS_PORT:-}" ] && echo "tls-port $VALKEY_LISTEN_TLS_PORT"
  if [ "$VALKEY_AUTH_ENABLED" = "true" ]; then
    echo "aclfile $ACL"
    if [ "$VALKEY_MODE" != "standalone" ]; then
      if [ -n "$VALKEY_REPLICATION_USER" ]; then
        rpw=$(read_secret "acl/$VALKEY_REPLICATION_USER")
        echo "masteruser $VALKEY_REPLICATION_USER"
        echo "masterauth \"$rpw\""
      else
        echo "masterauth \"$PASSWORD\""
      fi
    fi
  fi
} > "$TMP"

case "$VALKEY_MODE" in
  replication)
    {
      echo "replica-announce-ip $VALKEY_ANNOUNCE_HOST"
      echo "replica-announce-port $VALKEY_ANNOUNCE_PORT"
      if [ "${VALKEY_ROLE:-primary}" = "replica" ]; then
        : "${VALKEY_PRIMARY_HOST:?VALKEY_PRIMARY_HOST is required for replicas}"
        echo "replicaof $VALKEY_PRIMARY_HOST $VALKEY_PRIMARY_PORT"
      fi
    } >> "$TMP"
    ;;
  sentinel)
    primary=$(find_primary)
    set -- $primary
    phost=$1; pport=${2:-$VALKEY_PRIMARY_PORT}
    {
      echo "replica-announce-ip $VALKEY_ANNOUNCE_HOST"
      echo "replica-announce-port $VALKEY_ANNOUNCE_PORT"
      if [ "$phost" = "$VALKEY_ANNOUNCE_HOST" ] && [ "$pport" = "$VALKEY_ANNOUNCE_PORT" ]; then
        log "this pod is the primary"
      elif [ -n "$POD_IP" ] && [ "$phost" = "$POD_IP" ] && [ "$pport" = "$VALKEY_ANNOUNCE_PORT" ]; then
        log "this pod is the primary (by IP)"
      else
        log "this pod replicates $phost:$pport"
        echo "replicaof $phost $pport"
      fi
    } >> "$TMP"
    printf '%s %s\n' "$phost" "$pport" > "$VALKEY_DATA_DIR/.last-known-primary"
    ;;
  cluster)
    {
      echo "cluster-announce-hostname $VALKEY_ANNOUNCE_HOST"
      echo "cluster-announce-human-nodename $POD_NAME"
    } >> "$TMP"
    heal_nodes_conf
    ;;
esac

seed_aof_from_rdb

if [ -n "$VALKEY_EXTRA_FLAGS_FILE" ] && [ -r "$VALKEY_EXTRA_FLAGS_FILE" ]; then
  grep -v '^[[:space:]]*$' "$VALKEY_EXTRA_FLAGS_FILE" >> "$TMP" || true
fi

mv "$TMP" "$CONF"
chmod 600 "$CONF"
log "wrote $CONF (mode $VALKEY_MODE)"
