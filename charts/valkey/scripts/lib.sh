# shellcheck shell=sh
# Shared functions for the chart's scripts (sourced). POSIX sh + valkey-cli.
#
# Addressing (so the scripts run unchanged against loopback processes):
#   VALKEY_NODE_ADDRESSES      "host:port host:port ..." indexed by ordinal (data pods)
#   VALKEY_HOST_<n>/VALKEY_PORT_<n>  per-ordinal override
#   default: ${VALKEY_POD_PREFIX}-<n>.${VALKEY_HEADLESS_SERVICE}.${VALKEY_NAMESPACE}.svc.${VALKEY_CLUSTER_DOMAIN}:${VALKEY_PORT}
#   VALKEY_SENTINEL_ADDRESSES  "host:port ..." (Sentinels), or VALKEY_SENTINEL_HOST_<n>/VALKEY_SENTINEL_PORT_<n>
#   VALKEY_HOSTS_FILE          optional file in /etc/hosts format ("ip name..."), read
#                              before DNS: maps pod names to addresses (used by the
#                              tests to run these scripts against loopback processes)
# Auth: REDISCLI_AUTH, or the file named by VALKEY_PASSWORD_FILE. Never "-a".
# TLS:  VALKEY_TLS=true with VALKEY_TLS_CA_FILE, VALKEY_TLS_CERT_FILE, VALKEY_TLS_KEY_FILE.

: "${VALKEY_PORT:=6379}"
: "${VALKEY_NAMESPACE:=default}"
: "${VALKEY_CLUSTER_DOMAIN:=cluster.local}"
: "${VALKEY_HEADLESS_SERVICE:=valkey-headless}"
: "${VALKEY_SENTINEL_HEADLESS_SERVICE:=valkey-sentinel-headless}"
: "${VALKEY_POD_PREFIX:=valkey}"
: "${VALKEY_SENTINEL_POD_PREFIX:=${VALKEY_POD_PREFIX}-sentinel}"
: "${VALKEY_SENTINEL_PORT:=26379}"
: "${VALKEY_SENTINEL_COUNT:=3}"
: "${VALKEY_SENTINEL_MASTER_SET:=mymaster}"
: "${VALKEY_CLI:=valkey-cli}"
: "${VALKEY_CLI_TIMEOUT:=3}"

log() { printf '%s [%s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${VALKEY_SCRIPT_NAME:-valkey}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Exits 1 after one line per Secret key the pod needs but did not get.
# VALKEY_REQUIRED_SECRETS: lines "<file> <secret> <key>". The chart mounts
# Secrets as optional so that this runs at all: a missing Secret otherwise
# keeps the pod in ContainerCreating without naming it. Kubernetes refreshes
# the volume once the Secret exists, and the next restart of the init
# container passes.
check_required_secrets() {
  _missing=0
  while read -r _file _secret _key; do
    [ -n "$_file" ] || continue
    if [ ! -e "$_file" ]; then
      log "ERROR: Secret $_secret key $_key not found in namespace ${VALKEY_NAMESPACE:-?} (create the Secret or add the key; the pod starts once it is there)"
      _missing=1
    elif [ ! -s "$_file" ]; then
      log "ERROR: Secret $_secret key $_key is empty in namespace ${VALKEY_NAMESPACE:-?}"
      _missing=1
    fi
  done <<EOF
${VALKEY_REQUIRED_SECRETS:-}
EOF
  [ "$_missing" = 0 ] || exit 1
}

# Exports REDISCLI_AUTH from VALKEY_PASSWORD_FILE unless already set.
load_password() {
  if [ -z "${REDISCLI_AUTH:-}" ] && [ -n "${VALKEY_PASSWORD_FILE:-}" ] && [ -r "$VALKEY_PASSWORD_FILE" ]; then
    REDISCLI_AUTH=$(cat "$VALKEY_PASSWORD_FILE")
    export REDISCLI_AUTH
  fi
}

# vcli HOST PORT [valkey-cli args...]
vcli() {
  _vh=$1; _vp=$2; shift 2
  if [ "${VALKEY_TLS:-false}" = "true" ]; then
    if [ -n "${VALKEY_TLS_KEY_FILE:-}" ]; then set -- --key "$VALKEY_TLS_KEY_FILE" "$@"; fi
    if [ -n "${VALKEY_TLS_CERT_FILE:-}" ]; then set -- --cert "$VALKEY_TLS_CERT_FILE" "$@"; fi
    if [ -n "${VALKEY_TLS_CA_FILE:-}" ]; then set -- --cacert "$VALKEY_TLS_CA_FILE" "$@"; fi
    set -- --tls "$@"
  fi
  if [ -n "${VALKEY_CLI_USER:-}" ]; then set -- --user "$VALKEY_CLI_USER" "$@"; fi
  "$VALKEY_CLI" -t "$VALKEY_CLI_TIMEOUT" -h "$(map_host "$_vh")" -p "$_vp" "$@"
}

# map_host NAME -> address of NAME in VALKEY_HOSTS_FILE, or NAME itself
map_host() {
  if [ -n "${VALKEY_HOSTS_FILE:-}" ] && [ -r "$VALKEY_HOSTS_FILE" ]; then
    _m=$(awk -v n="$1" '$1 !~ /^#/ { for (i = 2; i <= NF; i++) if ($i == n) { print $1; exit } }' "$VALKEY_HOSTS_FILE")
    if [ -n "$_m" ]; then echo "$_m"; return 0; fi
  fi
  echo "$1"
}

# vcli_cmd HOST PORT COMMAND... : fails on error replies (-e); strips CR.
vcli_cmd() {
  _ch=$1; _cp=$2; shift 2
  vcli "$_ch" "$_cp" -e "$@" 2>/dev/null | tr -d '\r'
}

# ping_ok HOST PORT
ping_ok() { [ "$(vcli_cmd "$1" "$2" PING)" = "PONG" ]; }

# _nth LIST N : N-th (1-based) word of a space/comma separated list
_nth() { printf '%s\n' "$1" | tr ', ' '\n\n' | grep -v '^$' | sed -n "${2}p"; }
_count() { printf '%s\n' "$1" | tr ', ' '\n\n' | grep -vc '^$' || true; }

# node_addr ORDINAL -> "host port" of data pod ORDINAL
node_addr() {
  if [ -n "${VALKEY_NODE_ADDRESSES:-}" ]; then
    _a=$(_nth "$VALKEY_NODE_ADDRESSES" $(($1 + 1)))
    [ -n "$_a" ] || return 1
    echo "${_a%:*} ${_a##*:}"
    return 0
  fi
  eval "_ho=\${VALKEY_HOST_$1:-}"
  eval "_po=\${VALKEY_PORT_$1:-}"
  [ -n "$_ho" ] || _ho="${VALKEY_POD_PREFIX}-$1.${VALKEY_HEADLESS_SERVICE}.${VALKEY_NAMESPACE}.svc.${VALKEY_CLUSTER_DOMAIN}"
  echo "$_ho ${_po:-$VALKEY_PORT}"
}

# node_count: number of data nodes known (VALKEY_NODE_ADDRESSES or $1 default)
node_count() {
  if [ -n "${VALKEY_NODE_ADDRESSES:-}" ]; then _count "$VALKEY_NODE_ADDRESSES"; else echo "$1"; fi
}

# sentinel_addrs -> lines "host port"
sentinel_addrs() {
  if [ -n "${VALKEY_SENTINEL_ADDRESSES:-}" ]; then
    printf '%s\n' "$VALKEY_SENTINEL_ADDRESSES" | tr ', ' '\n\n' | grep -v '^$' | while read -r _a; do echo "${_a%:*} ${_a##*:}"; done
    return 0
  fi
  _i=0
  while [ "$_i" -lt "$VALKEY_SENTINEL_COUNT" ]; do
    eval "_ho=\${VALKEY_SENTINEL_HOST_$_i:-}"
    eval "_po=\${VALKEY_SENTINEL_PORT_$_i:-}"
    [ -n "$_ho" ] || _ho="${VALKEY_SENTINEL_POD_PREFIX}-$_i.${VALKEY_SENTINEL_HEADLESS_SERVICE}.${VALKEY_NAMESPACE}.svc.${VALKEY_CLUSTER_DOMAIN}"
    echo "$_ho ${_po:-$VALKEY_SENTINEL_PORT}"
    _i=$((_i + 1))
  done
}

# ask_sentinels_for_primary -> "host port" agreed by most answering Sentinels (empty if none answer)
ask_sentinels_for_primary() {
  _answers=$(sentinel_addrs | while read -r _sh _sp; do
    _r=$(vcli_cmd "$_sh" "$_sp" SENTINEL GET-MASTER-ADDR-BY-NAME "$VALKEY_SENTINEL_MASTER_SET" | tr '\n' ' ')
    set -- $_r
    if [ $# -eq 2 ]; then echo "$1 $2"; fi
  done)
  [ -n "$_answers" ] || return 0
  printf '%s\n' "$_answers" | sort | uniq -c | sort -rn | head -n 1 | awk '{print $2" "$3}'
}

# is_ip ADDR
is_ip() {
  case "$1" in
    *:*) return 0 ;;
    *[!0-9.]*) return 1 ;;
    *) return 0 ;;
  esac
}

# resolve_ip HOST -> IP (or HOST itself when it cannot be resolved)
resolve_ip() {
  if is_ip "$1"; then echo "$1"; return 0; fi
  _ip=$(map_host "$1")
  if is_ip "$_ip"; then echo "$_ip"; return 0; fi
  _ip=$(getent hosts "$1" 2>/dev/null | awk 'NR==1{print $1}')
  echo "${_ip:-$1}"
}

# wait_for TIMEOUT_SECONDS COMMAND... : retries COMMAND every 2s
wait_for() {
  _deadline=$(($(date +%s) + $1)); shift
  until "$@"; do
    [ "$(date +%s)" -lt "$_deadline" ] || return 1
    sleep 2
  done
}

# info_field HOST PORT SECTION FIELD
info_field() {
  vcli_cmd "$1" "$2" INFO "$3" | sed -n "s/^$4://p" | head -n 1
}

# ---- cluster helpers ----------------------------------------------------------

# cn_endpoint ADDR-FIELD -> "host port" to reach a node listed in CLUSTER NODES
# (ip:port@cport[,hostname]); prefers the announced hostname.
cn_endpoint() {
  _ipport=${1%%@*}
  _hn=""
  case "$1" in *,*) _hn=${1#*,}; _hn=${_hn%%,*} ;; esac
  _ip=${_ipport%:*}
  _pt=${_ipport##*:}
  if [ -n "$_hn" ]; then echo "$_hn $_pt"; else echo "$_ip $_pt"; fi
}

# addr_ordinal ADDR-FIELD MAX -> data ordinal of a CLUSTER NODES entry, or "?" when unknown
addr_ordinal() {
  _ipport=${1%%@*}
  _hn=""
  case "$1" in *,*) _hn=${1#*,}; _hn=${_hn%%,*} ;; esac
  _ip=${_ipport%:*}
  _pt=${_ipport##*:}
  _j=0
  while [ "$_j" -lt "$2" ]; do
    _na=$(node_addr "$_j") || break
    set -- $_na
    if [ "$2" = "$_pt" ] || [ -z "${VALKEY_NODE_ADDRESSES:-}" ]; then
      if [ "$1" = "$_ip" ] || { [ -n "$_hn" ] && [ "$1" = "$_hn" ]; }; then echo "$_j"; return 0; fi
    fi
    _j=$((_j + 1))
  done
  # <prefix>-<n>.<headless>... hostnames
  case "$_hn" in
    "${VALKEY_POD_PREFIX}"-*)
      _n=${_hn#"${VALKEY_POD_PREFIX}"-}; _n=${_n%%.*}
      case "$_n" in ''|*[!0-9]*) ;; *) echo "$_n"; return 0 ;; esac ;;
  esac
  echo "?"
}

# first_member MAX -> "host port" of the first reachable data node that is part
# of a formed cluster (knows other nodes or owns slots); empty when none
first_member() {
  _k=0
  while [ "$_k" -lt "$1" ]; do
    _na=$(node_addr "$_k") || break
    set -- $_na "$1"
    _known=$(info_field_cluster "$1" "$2" cluster_known_nodes)
    _slots=$(info_field_cluster "$1" "$2" cluster_slots_assigned)
    if [ -n "$_known" ] && { [ "$_known" -gt 1 ] || [ "${_slots:-0}" -gt 0 ]; }; then echo "$1 $2"; return 0; fi
    set -- "$3"
    _k=$((_k + 1))
  done
}

info_field_cluster() { vcli_cmd "$1" "$2" CLUSTER INFO | sed -n "s/^$3://p" | head -n 1; }
cluster_ok() { [ "$(info_field_cluster "$1" "$2" cluster_state)" = "ok" ]; }

# ---- replication helpers --------------------------------------------------------

# master_among_data_pods COUNT [EXCEPT-HOST EXCEPT-PORT] -> "host port" of the
# reachable data pod that reports role:master with the most connected replicas
# (lowest ordinal on a tie); empty when none does.
master_among_data_pods() {
  _best=""; _best_n=-1; _o=0
  while [ "$_o" -lt "$1" ]; do
    _na=$(node_addr "$_o") || break
    set -- $_na "$1" "${2:-}" "${3:-}"
    if [ "$(info_field "$1" "$2" replication role)" = "master" ] && ! { [ "$1" = "$4" ] && [ "$2" = "$5" ]; }; then
      _n=$(info_field "$1" "$2" replication connected_slaves)
      if [ "${_n:-0}" -gt "$_best_n" ]; then _best="$1 $2"; _best_n=${_n:-0}; fi
    fi
    set -- "$3" "$4" "$5"
    _o=$((_o + 1))
  done
  [ -n "$_best" ] && echo "$_best"
  return 0
}
