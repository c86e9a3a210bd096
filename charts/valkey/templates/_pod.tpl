{{/* ======================================================================
     Pod templates: probes, per-container defines, the pod preamble shared by
     data and Sentinel pods, and the data pod assembled from them.
     ====================================================================== */}}

{{- define "valkey.probeCommand" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
{{- $port := include "valkey.clientPort" $ctx -}}
{{- $tls := "" -}}
{{- if $v.tls.enabled -}}
{{- $tls = printf " --tls --cacert %s/%s --cert %s/%s --key %s/%s" $v.tls.certMountPath (include "valkey.tlsCaKey" $ctx) $v.tls.certMountPath (include "valkey.tlsCertKey" $ctx) $v.tls.certMountPath (include "valkey.tlsKeyKey" $ctx) -}}
{{- end -}}
{{- $cs := .clusterState | default false -}}
{{- $shell := and (include "valkey.hasShell" $ctx) (or (and $v.auth.enabled $v.auth.usePasswordFiles) $cs) -}}
{{- if $shell }}
exec:
  command:
    - sh
    - -c
    - {{ printf "%svalkey-cli -e -h 127.0.0.1 -p %s%s %s" (ternary (printf "REDISCLI_AUTH=\"$(cat %s/valkey-password)\" " $v.auth.passwordFilePath) "" (and $v.auth.enabled $v.auth.usePasswordFiles)) $port $tls (ternary "cluster info | grep -q '^cluster_state:ok'" .cmd $cs) | quote }}
{{- else if and $v.auth.enabled $v.auth.usePasswordFiles }}
tcpSocket:
  port: {{ $port }}
{{- else }}
exec:
  command:
    - valkey-cli
    - -e
    - -h
    - 127.0.0.1
    - -p
    - {{ $port | quote }}
    {{- include "valkey.cliTlsArgs" $ctx | nindent 4 }}
    - {{ .cmd }}
{{- end }}
{{- end -}}

{{- define "valkey.probe" -}}
{{- $p := .probe -}}
{{ .name }}:
  {{- include "valkey.probeCommand" . | nindent 2 }}
  initialDelaySeconds: {{ $p.initialDelaySeconds }}
  periodSeconds: {{ $p.periodSeconds }}
  timeoutSeconds: {{ $p.timeoutSeconds }}
  failureThreshold: {{ $p.failureThreshold }}
  successThreshold: 1
{{- end -}}

{{- define "valkey.containerSecurityContext" -}}
securityContext:
  {{- toYaml .Values.containerSecurityContext | nindent 2 }}
  runAsNonRoot: {{ .Values.securityContext.runAsNonRoot }}
{{- end -}}

{{/* Writable emptyDirs for a read-only root filesystem plus the tmpfs runtime dir. */}}
{{- define "valkey.runtimeVolumes" -}}
- name: runtime
  emptyDir:
    medium: Memory
    sizeLimit: 64Mi
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
- name: scripts
  configMap:
    name: {{ include "valkey.scriptsName" . }}
    defaultMode: 0555
{{- end -}}

{{- define "valkey.metricsContainer" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
- name: metrics
  image: {{ include "valkey.metricsImage" $ctx }}
  imagePullPolicy: {{ $v.metrics.image.pullPolicy }}
  {{- with $v.metrics.command }}
  command:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.metrics.args }}
  args:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  env:
    - name: REDIS_ADDR
      value: {{ printf "%s://127.0.0.1:%s" (ternary "rediss" "redis" $v.tls.enabled) (toString .port) | quote }}
    {{- if .sentinel }}
    - name: REDIS_EXPORTER_IS_SENTINEL
      value: "true"
    {{- end }}
    {{- if $v.auth.enabled }}
    - name: REDIS_PASSWORD
      valueFrom:
        secretKeyRef:
          name: {{ include "valkey.secretName" $ctx }}
          key: {{ include "valkey.passwordKey" $ctx }}
    {{- end }}
    {{- if $v.tls.enabled }}
    - name: REDIS_EXPORTER_TLS_CA_CERT_FILE
      value: {{ printf "%s/%s" $v.tls.certMountPath (include "valkey.tlsCaKey" $ctx) | quote }}
    - name: REDIS_EXPORTER_TLS_CLIENT_CERT_FILE
      value: {{ printf "%s/%s" $v.tls.certMountPath (include "valkey.tlsCertKey" $ctx) | quote }}
    - name: REDIS_EXPORTER_TLS_CLIENT_KEY_FILE
      value: {{ printf "%s/%s" $v.tls.certMountPath (include "valkey.tlsKeyKey" $ctx) | quote }}
    - name: REDIS_EXPORTER_SKIP_TLS_VERIFICATION
      value: "true"
    {{- end }}
    - name: REDIS_EXPORTER_WEB_LISTEN_ADDRESS
      value: {{ printf "0.0.0.0:%d" (int $v.metrics.port) | quote }}
    {{- with $v.metrics.extraEnvs }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  ports:
    - name: metrics
      containerPort: {{ $v.metrics.port }}
      protocol: TCP
  livenessProbe:
    tcpSocket:
      port: metrics
    initialDelaySeconds: 10
    periodSeconds: 15
  readinessProbe:
    httpGet:
      path: /health
      port: metrics
    initialDelaySeconds: 5
    periodSeconds: 10
  resources:
    {{- toYaml ($v.metrics.resources | default dict) | nindent 4 }}
  securityContext:
    {{- toYaml $v.metrics.securityContext | nindent 4 }}
  volumeMounts:
    {{- include "valkey.tlsVolumeMount" $ctx | nindent 4 }}
    {{- range $v.metrics.extraSecrets }}
    - name: metrics-secret-{{ .name }}
      mountPath: {{ .mountPath }}
      readOnly: true
    {{- end }}
    {{- with $v.metrics.extraVolumeMounts }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{- define "valkey.passwordWatcherContainer" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
- name: password-watcher
  image: {{ include "valkey.utilImage" $ctx }}
  imagePullPolicy: {{ $v.image.pullPolicy }}
  command: ["sh", "/opt/valkey/scripts/password-watcher.sh"]
  env:
    {{- include "valkey.scriptEnv" $ctx | nindent 4 }}
    - name: VALKEY_WATCH_KIND
      value: {{ .kind | quote }}
    - name: VALKEY_SECRETS_DIR
      value: {{ $v.auth.passwordFilePath | quote }}
    - name: VALKEY_WATCH_INTERVAL
      value: {{ $v.auth.passwordRotation.interval | quote }}
    - name: VALKEY_ROTATION_GRACE
      value: {{ $v.auth.passwordRotation.gracePeriod | quote }}
    - name: VALKEY_ACL_USERS_FILE
      value: /etc/valkey/base/acl-users.conf
    {{- if $v.acl.replicationUser }}
    - name: VALKEY_REPLICATION_USER
      value: {{ $v.acl.replicationUser | quote }}
    {{- end }}
  resources:
    {{- toYaml ($v.auth.passwordRotation.resources | default dict) | nindent 4 }}
  {{- include "valkey.containerSecurityContext" $ctx | nindent 2 }}
  volumeMounts:
    - name: secrets
      mountPath: {{ $v.auth.passwordFilePath }}
      readOnly: true
    - name: scripts
      mountPath: /opt/valkey/scripts
    - name: config
      mountPath: /etc/valkey/base
    - name: runtime
      mountPath: /run/valkey
    - name: tmp
      mountPath: /tmp
    {{- include "valkey.tlsVolumeMount" $ctx | nindent 4 }}
{{- end -}}

{{/* The data volume mounted at /data (with the optional persistence.subPath). */}}
{{- define "valkey.dataMount" -}}
- name: data
  mountPath: /data
  {{- with .Values.persistence.subPath }}
  subPath: {{ . }}
  {{- end }}
{{- end -}}

{{/* Init container restoring a backup set into an empty data volume. args: ctx */}}
{{- define "valkey.restoreInitContainer" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
- name: restore
  image: {{ include "valkey.utilImage" $ctx }}
  imagePullPolicy: {{ $v.image.pullPolicy }}
  command: ["sh", "/opt/valkey/scripts/restore.sh"]
  env:
    {{- include "valkey.scriptEnv" $ctx | nindent 4 }}
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: VALKEY_DATA_DIR
      value: /data
    - name: VALKEY_BACKUP_DIR
      value: /backup
    - name: VALKEY_RESTORE_FROM
      value: {{ $v.backup.restore.from | quote }}
    - name: VALKEY_RESTORE_FORCE
      value: {{ $v.backup.restore.force | quote }}
  resources:
    {{- toYaml ($v.initResources | default dict) | nindent 4 }}
  {{- include "valkey.containerSecurityContext" $ctx | nindent 2 }}
  volumeMounts:
    {{- include "valkey.dataMount" $ctx | nindent 4 }}
    - name: backup
      mountPath: /backup
      readOnly: true
    - name: scripts
      mountPath: /opt/valkey/scripts
    - name: tmp
      mountPath: /tmp
{{- end -}}

{{/* Init container writing the runtime valkey.conf (announce address, role, secrets). args: ctx, role */}}
{{- define "valkey.initConfigContainer" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
{{- $mode := $v.mode -}}
{{- $role := .role | default "" -}}
- name: init-config
  image: {{ include "valkey.utilImage" $ctx }}
  imagePullPolicy: {{ $v.image.pullPolicy }}
  command: ["sh", "/opt/valkey/scripts/valkey-init.sh"]
  env:
    {{- include "valkey.scriptEnv" $ctx | nindent 4 }}
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: POD_IP
      valueFrom:
        fieldRef:
          fieldPath: status.podIP
    - name: VALKEY_ANNOUNCE_HOST
      value: "$(POD_NAME).{{ include "valkey.headlessName" $ctx }}.$(VALKEY_NAMESPACE).svc.{{ $v.clusterDomain }}"
    - name: VALKEY_ANNOUNCE_PORT
      value: {{ include "valkey.replicationPort" $ctx | quote }}
    - name: VALKEY_BASE_CONFIG
      value: /etc/valkey/base/valkey.conf
    - name: VALKEY_ACL_USERS_FILE
      value: /etc/valkey/base/acl-users.conf
    - name: VALKEY_EXTRA_FLAGS_FILE
      value: /etc/valkey/base/extra-flags.conf
    - name: VALKEY_CONF_DIR
      value: /run/valkey/conf
    - name: VALKEY_DATA_DIR
      value: /data
    - name: VALKEY_SECRETS_DIR
      value: {{ $v.auth.passwordFilePath | quote }}
    - name: VALKEY_AUTH_ENABLED
      value: {{ ternary "true" "false" $v.auth.enabled | quote }}
    {{- with include "valkey.requiredSecrets" $ctx }}
    - name: VALKEY_REQUIRED_SECRETS
      value: {{ . | quote }}
    {{- end }}
    - name: VALKEY_APPENDONLY
      value: {{ ternary "yes" "no" $v.config.appendonly | quote }}
    {{- if $v.acl.replicationUser }}
    - name: VALKEY_REPLICATION_USER
      value: {{ $v.acl.replicationUser | quote }}
    {{- end }}
    {{- if eq $mode "replication" }}
    - name: VALKEY_ROLE
      value: {{ $role | quote }}
    - name: VALKEY_PRIMARY_HOST
      value: "{{ include "valkey.dataStatefulSetName" $ctx }}-0.{{ include "valkey.headlessName" $ctx }}.$(VALKEY_NAMESPACE).svc.{{ $v.clusterDomain }}"
    - name: VALKEY_PRIMARY_PORT
      value: {{ include "valkey.replicationPort" $ctx | quote }}
    {{- end }}
    {{- if eq $mode "sentinel" }}
    - name: VALKEY_PRIMARY_PORT
      value: {{ include "valkey.replicationPort" $ctx | quote }}
    - name: VALKEY_PRIMARY_LOOKUP_TIMEOUT
      value: {{ $v.sentinel.primaryLookupTimeoutSeconds | quote }}
    {{- end }}
  resources:
    {{- toYaml ($v.initResources | default dict) | nindent 4 }}
  {{- include "valkey.containerSecurityContext" $ctx | nindent 2 }}
  volumeMounts:
    - name: config
      mountPath: /etc/valkey/base
    - name: scripts
      mountPath: /opt/valkey/scripts
    - name: runtime
      mountPath: /run/valkey
    - name: tmp
      mountPath: /tmp
    {{- include "valkey.dataMount" $ctx | nindent 4 }}
    {{- if $v.auth.enabled }}
    - name: secrets
      mountPath: {{ $v.auth.passwordFilePath }}
      readOnly: true
    {{- end }}
    {{- include "valkey.tlsVolumeMount" $ctx | nindent 4 }}
{{- end -}}

{{/* The valkey-server container. args: ctx */}}
{{- define "valkey.valkeyContainer" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
{{- $mode := $v.mode -}}
{{- $port := include "valkey.clientPort" $ctx -}}
{{- $hasShell := include "valkey.hasShell" $ctx -}}
- name: valkey
  image: {{ include "valkey.image" $ctx }}
  imagePullPolicy: {{ $v.image.pullPolicy }}
  {{- if $v.diagnosticMode.enabled }}
  command:
    {{- toYaml $v.diagnosticMode.command | nindent 4 }}
  args:
    {{- toYaml $v.diagnosticMode.args | nindent 4 }}
  {{- else }}
  command: ["valkey-server", "/run/valkey/conf/valkey.conf"]
  {{- end }}
  env:
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    {{- include "valkey.cliAuthEnv" $ctx | nindent 4 }}
    {{- if $hasShell }}
    {{- include "valkey.scriptEnv" $ctx | nindent 4 }}
    - name: VALKEY_PRESTOP_FAILOVER
      value: {{ ternary "true" "false" (and (eq $mode "cluster") $v.gracefulFailover.enabled) | quote }}
    - name: VALKEY_PRESTOP_TIMEOUT
      value: {{ $v.gracefulFailover.timeoutSeconds | quote }}
    - name: VALKEY_PRESTOP_BGSAVE
      value: {{ ternary "true" "false" $v.bgsavePreStop.enabled | quote }}
    - name: VALKEY_PRESTOP_BGSAVE_WAIT
      value: {{ $v.bgsavePreStop.waitSeconds | quote }}
    {{- end }}
    {{- range $k, $val := $v.env }}
    - name: {{ $k }}
      value: {{ $val | toString | quote }}
    {{- end }}
    {{- with (concat ($v.extraEnvVars | default list) ($v.extraEnv | default list)) }}
    {{- tpl (toYaml .) $ctx | nindent 4 }}
    {{- end }}
  ports:
    {{- if not $v.tls.disablePlaintext }}
    - name: valkey
      containerPort: {{ $v.service.port }}
      protocol: TCP
    {{- end }}
    {{- if $v.tls.enabled }}
    - name: valkey-tls
      containerPort: {{ $v.tls.port }}
      protocol: TCP
    {{- end }}
    {{- if eq $mode "cluster" }}
    - name: cluster-bus
      containerPort: {{ $v.cluster.busPort }}
      protocol: TCP
    {{- end }}
  {{- if not $v.diagnosticMode.enabled }}
  {{- if $v.startupProbe.enabled }}
  {{- include "valkey.probe" (dict "ctx" $ctx "name" "startupProbe" "probe" $v.startupProbe "cmd" "ping") | nindent 2 }}
  {{- end }}
  {{- if $v.livenessProbe.enabled }}
  {{- include "valkey.probe" (dict "ctx" $ctx "name" "livenessProbe" "probe" $v.livenessProbe "cmd" "ping") | nindent 2 }}
  {{- end }}
  {{- if $v.readinessProbe.enabled }}
  {{- include "valkey.probe" (dict "ctx" $ctx "name" "readinessProbe" "probe" $v.readinessProbe "cmd" "ping" "clusterState" (and (eq $mode "cluster") $v.cluster.readinessCheckClusterState)) | nindent 2 }}
  {{- end }}
  {{- end }}
  {{- if $v.lifecycle }}
  lifecycle:
    {{- toYaml $v.lifecycle | nindent 4 }}
  {{- else if and $hasShell (or (and (eq $mode "cluster") $v.gracefulFailover.enabled) $v.bgsavePreStop.enabled) }}
  lifecycle:
    preStop:
      exec:
        command: ["sh", "/opt/valkey/scripts/prestop.sh"]
  {{- else if and $v.bgsavePreStop.enabled (not (and $v.auth.enabled $v.auth.usePasswordFiles)) }}
  lifecycle:
    preStop:
      exec:
        command:
          - valkey-cli
          - -h
          - 127.0.0.1
          - -p
          - {{ $port | quote }}
          {{- include "valkey.cliTlsArgs" $ctx | nindent 10 }}
          - bgsave
  {{- end }}
  resources:
    {{- include "valkey.resources" $ctx | nindent 4 }}
  {{- include "valkey.containerSecurityContext" $ctx | nindent 2 }}
  volumeMounts:
    {{- include "valkey.dataMount" $ctx | nindent 4 }}
    - name: runtime
      mountPath: /run/valkey
    - name: tmp
      mountPath: /tmp
    - name: config
      mountPath: /etc/valkey/base
      readOnly: true
    - name: scripts
      mountPath: /opt/valkey/scripts
      readOnly: true
    {{- if and $v.auth.enabled $v.auth.usePasswordFiles }}
    - name: secrets
      mountPath: {{ $v.auth.passwordFilePath }}
      readOnly: true
    {{- end }}
    {{- include "valkey.tlsVolumeMount" $ctx | nindent 4 }}
    {{- range $v.extraValkeySecrets }}
    - name: extra-secret-{{ .name }}
      mountPath: {{ .mountPath }}
      readOnly: true
    {{- end }}
    {{- range $v.extraValkeyConfigs }}
    - name: extra-config-{{ .name }}
      mountPath: {{ .mountPath }}
      readOnly: true
    {{- end }}
    {{- with $v.extraVolumeMounts }}
    {{- tpl (toYaml .) $ctx | nindent 4 }}
    {{- end }}
{{- end -}}

{{/* Sentinel mode: keeps the valkey.io/role pod label on the current primary. args: ctx */}}
{{- define "valkey.roleLabelerContainer" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
- name: role-labeler
  image: {{ include "valkey.utilImage" $ctx }}
  imagePullPolicy: {{ $v.image.pullPolicy }}
  command: ["sh", "/opt/valkey/scripts/role-labeler.sh"]
  env:
    {{- include "valkey.scriptEnv" $ctx | nindent 4 }}
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: VALKEY_ANNOUNCE_HOST
      value: "$(POD_NAME).{{ include "valkey.headlessName" $ctx }}.$(VALKEY_NAMESPACE).svc.{{ $v.clusterDomain }}"
    - name: VALKEY_LABEL_INTERVAL
      value: {{ $v.sentinel.roleLabeler.interval | quote }}
    - name: VALKEY_SECRETS_DIR
      value: {{ $v.auth.passwordFilePath | quote }}
  resources:
    {{- toYaml ($v.sentinel.roleLabeler.resources | default dict) | nindent 4 }}
  {{- include "valkey.containerSecurityContext" $ctx | nindent 2 }}
  volumeMounts:
    - name: scripts
      mountPath: /opt/valkey/scripts
    - name: tmp
      mountPath: /tmp
    {{- if $v.auth.enabled }}
    - name: secrets
      mountPath: {{ $v.auth.passwordFilePath }}
      readOnly: true
    {{- end }}
    {{- include "valkey.tlsVolumeMount" $ctx | nindent 4 }}
{{- end -}}

{{/* Volumes of a data pod. args: ctx */}}
{{- define "valkey.dataPodVolumes" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
- name: config
  configMap:
    name: {{ include "valkey.configName" $ctx }}
{{- include "valkey.runtimeVolumes" $ctx | nindent 0 }}
{{- if $v.auth.enabled }}
{{- include "valkey.secretsVolume" $ctx | nindent 0 }}
{{- end }}
{{- include "valkey.tlsVolume" $ctx | nindent 0 }}
{{- if not $v.persistence.enabled }}
- name: data
  {{- if $v.persistence.hostPath }}
  hostPath:
    path: {{ $v.persistence.hostPath }}
    type: DirectoryOrCreate
  {{- else }}
  emptyDir: {}
  {{- end }}
{{- else if $v.persistence.existingClaim }}
- name: data
  persistentVolumeClaim:
    claimName: {{ $v.persistence.existingClaim }}
{{- end }}
{{- if $v.backup.restore.enabled }}
{{- include "valkey.restoreSourceVolume" $ctx | nindent 0 }}
{{- end }}
{{- range $v.extraValkeySecrets }}
- name: extra-secret-{{ .name }}
  secret:
    secretName: {{ .name }}
{{- end }}
{{- range $v.extraValkeyConfigs }}
- name: extra-config-{{ .name }}
  configMap:
    name: {{ .name }}
{{- end }}
{{- if $v.metrics.enabled }}
{{- range $v.metrics.extraSecrets }}
- name: metrics-secret-{{ .name }}
  secret:
    secretName: {{ .name }}
{{- end }}
{{- end }}
{{- with $v.extraVolumes }}
{{- tpl (toYaml .) $ctx | nindent 0 }}
{{- end }}
{{- end -}}

{{/* Pod metadata and the scheduling/security part of the spec shared by data
     and Sentinel pods. args: ctx, component, role, podLabels, podAnnotations,
     commonAnnotations, configTemplate, automount, nodeSelector, tolerations,
     preset, affinity */}}
{{- define "valkey.podPreamble" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
metadata:
  labels:
    {{- include "valkey.labels" (dict "ctx" $ctx "component" .component) | nindent 4 }}
    {{- with .role }}
    valkey.io/role: {{ . }}
    {{- end }}
    {{- with .podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    checksum/config: {{ include (print $ctx.Template.BasePath .configTemplate) $ctx | sha256sum }}
    checksum/scripts: {{ include (print $ctx.Template.BasePath "/scripts-configmap.yaml") $ctx | sha256sum }}
    {{- if and (include "valkey.createSecret" $ctx) (not $v.auth.passwordRotation.enabled) }}
    checksum/secret: {{ include (print $ctx.Template.BasePath "/secret.yaml") $ctx | sha256sum }}
    {{- end }}
    {{- with .podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- with .commonAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "valkey.serviceAccountName" $ctx }}
  automountServiceAccountToken: {{ .automount }}
  {{- include "valkey.imagePullSecrets" $ctx | nindent 2 }}
  {{- include "valkey.podSecurityContext" $ctx | nindent 2 }}
  {{- with $v.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  {{- with $v.runtimeClassName }}
  runtimeClassName: {{ . }}
  {{- end }}
  {{- with $v.dnsPolicy }}
  dnsPolicy: {{ . }}
  {{- end }}
  {{- with $v.dnsConfig }}
  dnsConfig:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
  enableServiceLinks: false
  {{- with .nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- include "valkey.affinity" (dict "ctx" $ctx "component" .component "preset" .preset "affinity" .affinity) | nindent 2 }}
  {{- include "valkey.topologySpread" (dict "ctx" $ctx "component" .component) | nindent 2 }}
{{- end -}}

{{/* Data pod template (standalone, replication primary/replica, Sentinel data,
     cluster). args: ctx, role ("" | primary | replica) */}}
{{- define "valkey.dataPod" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
{{- $labeler := and (eq $v.mode "sentinel") $v.sentinel.roleLabeler.enabled -}}
{{- include "valkey.podPreamble" (dict "ctx" $ctx "component" "valkey" "role" .role "podLabels" $v.podLabels "podAnnotations" $v.podAnnotations "commonAnnotations" $v.commonAnnotations "configTemplate" "/configmap.yaml" "automount" (ternary true $v.serviceAccount.automountServiceAccountToken $labeler) "nodeSelector" $v.nodeSelector "tolerations" $v.tolerations "preset" $v.podAntiAffinityPreset "affinity" $v.affinity) }}
  initContainers:
    {{- if $v.backup.restore.enabled }}
    {{- include "valkey.restoreDownloadContainer" $ctx | nindent 4 }}
    {{- include "valkey.restoreInitContainer" (dict "ctx" $ctx) | nindent 4 }}
    {{- end }}
    {{- include "valkey.initConfigContainer" (dict "ctx" $ctx "role" .role) | nindent 4 }}
    {{- with (concat ($v.extraInitContainers | default list) ($v.initContainers | default list)) }}
    {{- tpl (toYaml .) $ctx | nindent 4 }}
    {{- end }}
  containers:
    {{- include "valkey.valkeyContainer" (dict "ctx" $ctx) | nindent 4 }}
    {{- if $v.metrics.enabled }}
    {{- include "valkey.metricsContainer" (dict "ctx" $ctx "port" (include "valkey.clientPort" $ctx)) | nindent 4 }}
    {{- end }}
    {{- if $v.auth.passwordRotation.enabled }}
    {{- include "valkey.passwordWatcherContainer" (dict "ctx" $ctx "kind" "data") | nindent 4 }}
    {{- end }}
    {{- if $labeler }}
    {{- include "valkey.roleLabelerContainer" (dict "ctx" $ctx) | nindent 4 }}
    {{- end }}
    {{- with $v.extraContainers }}
    {{- tpl (toYaml .) $ctx | nindent 4 }}
    {{- end }}
  volumes:
    {{- include "valkey.dataPodVolumes" (dict "ctx" $ctx) | nindent 4 }}
{{- end -}}

{{- define "valkey.backupClaimName" -}}
{{- default (printf "%s-backup" (include "valkey.fullname" .)) .Values.backup.storage.existingClaim -}}
{{- end -}}

{{/* volumeClaimTemplates for a data StatefulSet. */}}
{{- define "valkey.dataVolumeClaimTemplates" -}}
{{- $v := .Values -}}
{{- if and $v.persistence.enabled (not $v.persistence.existingClaim) }}
{{- $size := $v.persistence.size -}}
{{- $sc := $v.persistence.storageClass -}}
{{- if and (eq $v.mode "cluster") $v.cluster.persistence.size }}{{ $size = $v.cluster.persistence.size }}{{ end -}}
{{- if and (eq $v.mode "cluster") $v.cluster.persistence.storageClass }}{{ $sc = $v.cluster.persistence.storageClass }}{{ end -}}
{{- if and (eq $v.mode "sentinel") $v.sentinel.dataPersistence.size }}{{ $size = $v.sentinel.dataPersistence.size }}{{ end -}}
{{- if and (eq $v.mode "sentinel") $v.sentinel.dataPersistence.storageClass }}{{ $sc = $v.sentinel.dataPersistence.storageClass }}{{ end -}}
{{- if and (eq $v.mode "replication") $v.replication.persistence.size }}{{ $size = $v.replication.persistence.size }}{{ end -}}
{{- if and (eq $v.mode "replication") $v.replication.persistence.storageClass }}{{ $sc = $v.replication.persistence.storageClass }}{{ end -}}
volumeClaimTemplates:
  - metadata:
      name: data
      labels:
        {{- include "valkey.selectorLabels" (dict "ctx" . "component" "valkey") | nindent 8 }}
      {{- with $v.persistence.annotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      accessModes:
        {{- toYaml $v.persistence.accessModes | nindent 8 }}
      {{- if $sc }}
      {{- if eq "-" $sc }}
      storageClassName: ""
      {{- else }}
      storageClassName: {{ $sc }}
      {{- end }}
      {{- end }}
      resources:
        requests:
          storage: {{ $size }}
{{- end }}
{{- end -}}

{{- define "valkey.pvcRetention" -}}
{{- if and .Values.persistence.enabled (not .Values.persistence.existingClaim) }}
persistentVolumeClaimRetentionPolicy:
  whenDeleted: {{ ternary "Retain" .Values.persistentVolumeClaimRetentionPolicy.whenDeleted .Values.persistence.keepOnUninstall }}
  whenScaled: {{ .Values.persistentVolumeClaimRetentionPolicy.whenScaled }}
{{- end }}
{{- end -}}
