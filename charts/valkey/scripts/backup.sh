#!/bin/sh
# Takes a backup set into VALKEY_BACKUP_DIR/<UTC timestamp>/ with manifest.txt.
# cluster mode: an RDB from EVERY slot-owning primary (<node id>.rdb) plus the
# slot ranges and ordinals in the manifest; other modes: one RDB (dump.rdb)
# from the source node. Keeps the newest VALKEY_BACKUP_RETENTION sets and
# writes LATEST. Inputs: VALKEY_MODE, VALKEY_BACKUP_DIR, VALKEY_BACKUP_RETENTION,
# VALKEY_BACKUP_SOURCE_HOST/PORT (or VALKEY_BACKUP_SOURCE_ORDINAL with lib.sh
# addressing), VALKEY_CLUSTER_SIZE, VALKEY_BACKUP_DESTINATION (pvc|s3) and
# VALKEY_BACKUP_LOCATION (where the set ends up), recorded in the manifest. With
# destination s3, VALKEY_BACKUP_DIR is scratch space and backup-upload.sh sends
# the set on.
set -euf
VALKEY_SCRIPT_NAME=backup
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
: "${VALKEY_MODE:=standalone}"
: "${VALKEY_BACKUP_DIR:=/backup}"
: "${VALKEY_BACKUP_RETENTION:=7}"
: "${VALKEY_BACKUP_SOURCE_ORDINAL:=0}"
: "${VALKEY_CLUSTER_SIZE:=6}"
load_password

mkdir -p "$VALKEY_BACKUP_DIR"
# A set is named by its UTC second; mkdir (atomic) claims the name, so two
# backups started within the same second get consecutive names.
while :; do
  ts=$(date -u +%Y%m%dT%H%M%SZ)
  dir="$VALKEY_BACKUP_DIR/$ts"
  work="$dir.partial"
  if [ ! -e "$dir" ] && mkdir "$work" 2>/dev/null; then break; fi
  sleep 1
done
manifest="$work/manifest.txt"
trap 'rm -rf "$work"' EXIT # a failed backup leaves no partial set behind

fetch_rdb() { # host port file
  log "fetching RDB from $1:$2"
  vcli "$1" "$2" --rdb "$3" >&2 || die "RDB transfer from $1:$2 failed"
  [ -s "$3" ] || die "RDB from $1:$2 is empty"
}

{
  echo "created $ts"
  echo "mode $VALKEY_MODE"
  echo "destination ${VALKEY_BACKUP_DESTINATION:-pvc} ${VALKEY_BACKUP_LOCATION:-$VALKEY_BACKUP_DIR}"
} > "$manifest"

if [ "$VALKEY_MODE" = "cluster" ]; then
  member=$(first_member "$(node_count "$VALKEY_CLUSTER_SIZE")")
  [ -n "$member" ] || die "no formed cluster reachable"
  set -- $member
  vcli_cmd "$1" "$2" CLUSTER NODES | grep -v '^$' > "$work/nodes.txt" || die "CLUSTER NODES failed on $1:$2"
  echo "cluster_state $(info_field_cluster "$1" "$2" cluster_state)" >> "$manifest"
  shard=0
  # Reads a file, not a pipe: the loop runs in this shell, so die stops the backup.
  while read -r id addr flags master ping pong epoch link slots; do
    case ",$flags," in *,master,*) ;; *) continue ;; esac
    case ",$flags," in *,fail,*|*,fail\?,*|*,noaddr,*) [ -n "$slots" ] && die "primary $id owning slots is failing: backup would miss its slots"; continue ;; esac
    [ -n "$slots" ] || continue
    slots=$(printf '%s\n' $slots | grep -v '^\[' | tr '\n' ' ' | sed 's/ $//') # no migrating/importing markers
    set -- $(cn_endpoint "$addr")
    fetch_rdb "$1" "$2" "$work/$id.rdb"
    ord=$(addr_ordinal "$addr" "$(node_count "$VALKEY_CLUSTER_SIZE")")
    echo "shard $shard node $id addr $1:$2 ordinal $ord file $id.rdb slots $slots" >> "$manifest"
    shard=$((shard + 1))
  done < "$work/nodes.txt"
  rm -f "$work/nodes.txt"
  n=$(grep -c '^shard ' "$manifest" || true)
  [ "$n" -gt 0 ] || die "no primary with slots found"
  # Slot ranges of the manifest must cover the whole key space (importing/migrating markers excluded).
  covered=$(awk '$1=="shard" { for (i=1;i<=NF;i++) if ($i=="slots") s=i; for (i=s+1;i<=NF;i++) { if ($i ~ /^\[/) continue; split($i, r, "-"); t += (r[2]=="" ? 1 : r[2]-r[1]+1) } } END { print t+0 }' "$manifest")
  [ "$covered" -eq 16384 ] || die "the primaries' slot ranges cover $covered of 16384 slots: backup set incomplete"
  log "backed up $n primaries (16384 slots)"
else
  if [ -n "${VALKEY_BACKUP_SOURCE_HOST:-}" ]; then
    set -- "$VALKEY_BACKUP_SOURCE_HOST" "${VALKEY_BACKUP_SOURCE_PORT:-$VALKEY_PORT}"
  else
    set -- $(node_addr "$VALKEY_BACKUP_SOURCE_ORDINAL")
  fi
  fetch_rdb "$1" "$2" "$work/dump.rdb"
  echo "source $1:$2 file dump.rdb" >> "$manifest"
fi

mv "$work" "$dir"
printf '%s\n' "$ts" > "$VALKEY_BACKUP_DIR/LATEST.tmp"
mv "$VALKEY_BACKUP_DIR/LATEST.tmp" "$VALKEY_BACKUP_DIR/LATEST"
log "backup set $dir complete"

# Retention: newest N complete sets. Listed with ls + grep, not a glob: this
# script runs with set -f.
sets=$(ls -1 "$VALKEY_BACKUP_DIR" | grep -E '^[0-9]{8}T[0-9]{6}Z$' | sort || true)
total=$(printf '%s\n' "$sets" | grep -c . || true)
excess=$((total - VALKEY_BACKUP_RETENTION))
if [ "$excess" -gt 0 ]; then
  printf '%s\n' "$sets" | head -n "$excess" | while read -r old; do
    log "retention: removing $old"
    rm -rf "${VALKEY_BACKUP_DIR:?}/$old"
  done
fi
