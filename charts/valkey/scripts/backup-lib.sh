# shellcheck shell=sh
# Backup-set functions shared by backup-upload.sh, restore-download.sh and
# restore.sh (sourced after lib.sh). A set is a directory (or key prefix)
# named by its UTC second, holding manifest.txt and RDB files; in a bucket a
# set counts only once its COMPLETE marker, written last, exists.

SET_NAME_RE='^[0-9]{8}T[0-9]{6}Z$'
# File in the data dir recording that the restore ran on this volume.
RESTORE_MARKER=.valkey-restore

# Defaults of the inputs both restore init containers read.
restore_defaults() {
  : "${VALKEY_BACKUP_DIR:=/backup}"
  : "${VALKEY_DATA_DIR:=/data}"
  : "${VALKEY_RESTORE_FROM:=latest}"
  : "${VALKEY_RESTORE_FORCE:=false}"
  : "${VALKEY_MODE:=standalone}"
  : "${POD_NAME:=$(hostname)}"
  : "${VALKEY_ORDINAL:=${POD_NAME##*-}}"
}

# restore_state DATA_DIR -> "restored <set>", "data <file>" or "empty"
restore_state() {
  if [ -r "$1/$RESTORE_MARKER" ]; then echo "restored $(cat "$1/$RESTORE_MARKER")"; return 0; fi
  for _f in dump.rdb appendonlydir appendonly.aof nodes.conf; do
    if [ -e "$1/$_f" ]; then echo "data $_f"; return 0; fi
  done
  echo empty
}

# manifest_shard MANIFEST ORDINAL -> "<file> <shard> <slot ranges...>" of the
# primary that had ORDINAL (cluster sets), or nothing
manifest_shard() {
  awk -v o="$2" '$1=="shard" { ord=""; f=""; s=0; for (i=1;i<NF;i++) { if ($i=="ordinal") ord=$(i+1); if ($i=="file") f=$(i+1); if ($i=="slots" && !s) s=i } if (ord==o) { out=f" "$2; for (i=s+1;i<=NF;i++) out=out" "$i; print out; exit } }' "$1"
}

# bucket_objects -> "<set>/<file>" of every object under VALKEY_BACKUP_REMOTE that
# belongs to a set (other keys under the prefix are never touched)
bucket_objects() {
  rclone lsf -R --files-only "$VALKEY_BACKUP_REMOTE" > "$TMPDIR_BACKUP/objects" || die "cannot list $VALKEY_BACKUP_LOCATION (check endpoint, bucket, region and the credentials Secret)"
  grep -E '^[0-9]{8}T[0-9]{6}Z/[^/]+$' "$TMPDIR_BACKUP/objects" || true
}

# complete_sets OBJECTS_FILE -> names of the sets with a COMPLETE marker, oldest first
complete_sets() { sed -n 's|^\([0-9]\{8\}T[0-9]\{6\}Z\)/COMPLETE$|\1|p' "$1" | sort -u; }
# all_sets OBJECTS_FILE -> names of every set with at least one object, oldest first
all_sets() { sed 's|/.*||' "$1" | sort -u; }

# utc_minus SECONDS -> the set name of the UTC second SECONDS ago (busybox and GNU date)
utc_minus() { date -u -d "@$(( $(date -u +%s) - $1 ))" +%Y%m%dT%H%M%SZ; }
