#!/bin/sh
# preStop of the valkey container (images with a shell).
# cluster + VALKEY_PRESTOP_FAILOVER=true: if this node is a primary with slots,
# ask one of its connected replicas to take over (CLUSTER FAILOVER) and wait.
# VALKEY_PRESTOP_BGSAVE=true: BGSAVE and wait up to VALKEY_PRESTOP_BGSAVE_WAIT seconds.
set -uf
VALKEY_SCRIPT_NAME=prestop
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
: "${VALKEY_LOCAL_HOST:=127.0.0.1}"
: "${VALKEY_PRESTOP_FAILOVER:=false}"
: "${VALKEY_PRESTOP_TIMEOUT:=20}"
: "${VALKEY_PRESTOP_BGSAVE:=true}"
: "${VALKEY_PRESTOP_BGSAVE_WAIT:=10}"
: "${VALKEY_MODE:=standalone}"
load_password
H=$VALKEY_LOCAL_HOST
P=$VALKEY_PORT

if [ "$VALKEY_MODE" = "cluster" ] && [ "$VALKEY_PRESTOP_FAILOVER" = "true" ]; then
  nodes=$(vcli_cmd "$H" "$P" CLUSTER NODES)
  me=$(printf '%s\n' "$nodes" | awk '$3 ~ /myself/ {print $1" "$3" "NF}')
  set -- $me
  if [ $# -eq 3 ] && case "$2" in *master*) true ;; *) false ;; esac && [ "$3" -gt 8 ]; then
    myid=$1
    rep=$(printf '%s\n' "$nodes" | awk -v m="$myid" '$4==m && $3 !~ /fail/ && $8=="connected" {print $2; exit}')
    if [ -n "$rep" ]; then
      set -- $(cn_endpoint "$rep")
      log "handing primaryship to replica $1:$2"
      vcli_cmd "$1" "$2" CLUSTER FAILOVER >/dev/null || log "CLUSTER FAILOVER request failed"
      deadline=$(($(date +%s) + VALKEY_PRESTOP_TIMEOUT))
      while [ "$(info_field "$H" "$P" replication role)" = "master" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
      log "role is now $(info_field "$H" "$P" replication role)"
    else
      log "no connected replica to fail over to"
    fi
  fi
fi

# Sentinel mode: remember who the primary is on the data volume, so that after a
# restart of every pod (no Sentinel to ask) all data pods agree on it.
if [ "$VALKEY_MODE" = "sentinel" ]; then
  role=$(info_field "$H" "$P" replication role)
  known=""
  if [ "$role" = "master" ]; then
    ah=$(vcli_cmd "$H" "$P" CONFIG GET replica-announce-ip | sed -n 2p)
    ap=$(vcli_cmd "$H" "$P" CONFIG GET replica-announce-port | sed -n 2p)
    [ -n "$ah" ] && [ -n "$ap" ] && [ "$ap" != "0" ] && known="$ah $ap"
  elif [ "$role" = "slave" ]; then
    mh=$(info_field "$H" "$P" replication master_host)
    mp=$(info_field "$H" "$P" replication master_port)
    [ -n "$mh" ] && known="$mh $mp"
  fi
  if [ -n "$known" ] && [ -d "${VALKEY_DATA_DIR:-/data}" ]; then
    printf '%s\n' "$known" > "${VALKEY_DATA_DIR:-/data}/.last-known-primary"
    log "last known primary: $known"
  fi
fi

if [ "$VALKEY_PRESTOP_BGSAVE" = "true" ]; then
  vcli_cmd "$H" "$P" BGSAVE >/dev/null || true
  deadline=$(($(date +%s) + VALKEY_PRESTOP_BGSAVE_WAIT))
  while [ "$(info_field "$H" "$P" persistence rdb_bgsave_in_progress)" = "1" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
  log "BGSAVE done (rdb_last_bgsave_status: $(info_field "$H" "$P" persistence rdb_last_bgsave_status))"
fi
exit 0
