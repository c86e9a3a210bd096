{{/* ======================================================================
     Names
     ====================================================================== */}}

{{- define "valkey.name" -}}
{{- include "valkey.suffixedName" (dict "base" (default .Chart.Name .Values.nameOverride) "suffix" "") -}}
{{- end -}}

{{/* Full name: fullnameOverride, else always "<release>-<name>" (predictable for clients). */}}
{{- define "valkey.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- include "valkey.suffixedName" (dict "base" .Values.fullnameOverride "suffix" "") -}}
{{- else -}}
{{- include "valkey.suffixedName" (dict "base" (printf "%s-%s" .Release.Name (include "valkey.name" .)) "suffix" "") -}}
{{- end -}}
{{- end -}}

{{- define "valkey.chart" -}}
{{- include "valkey.suffixedName" (dict "base" (printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_") "suffix" "") -}}
{{- end -}}

{{/* "<base><suffix>" within a Kubernetes name limit: the base is cut so the
     suffix always survives. args: base, suffix, max (default 63; CronJobs 52). */}}
{{- define "valkey.suffixedName" -}}
{{- $max := .max | default 63 | int -}}
{{- printf "%s%s" (.base | trunc (sub $max (len .suffix) | int) | trimSuffix "-") .suffix -}}
{{- end -}}

{{/* "<fullname><suffix>" within 63 characters. args: ctx, suffix, max (optional). */}}
{{- define "valkey.fullnameWith" -}}
{{- include "valkey.suffixedName" (dict "base" (include "valkey.fullname" .ctx) "suffix" .suffix "max" .max) -}}
{{- end -}}

{{- define "valkey.headlessName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-headless") }}{{- end -}}
{{- define "valkey.sentinelName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-sentinel") }}{{- end -}}
{{- define "valkey.sentinelHeadlessName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-sentinel-headless") }}{{- end -}}
{{- define "valkey.configName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-config") }}{{- end -}}
{{- define "valkey.scriptsName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-scripts") }}{{- end -}}
{{- define "valkey.readServiceName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-read") }}{{- end -}}
{{- define "valkey.metricsServiceName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-metrics") }}{{- end -}}
{{- define "valkey.clusterInitJobName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-cluster-init") }}{{- end -}}
{{- define "valkey.clusterScaleJobName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-cluster-scale") }}{{- end -}}
{{- define "valkey.clusterPrecheckName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-cluster-precheck") }}{{- end -}}
{{- define "valkey.testConnectionName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-test-connection") }}{{- end -}}
{{/* CronJob names are limited to 52 characters (the controller appends a timestamp). */}}
{{- define "valkey.backupCronJobName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-backup" "max" 52) }}{{- end -}}

{{/* Name of the data StatefulSet (replication mode: the primary StatefulSet). */}}
{{- define "valkey.dataStatefulSetName" -}}
{{- if eq .Values.mode "replication" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-primary") }}{{- else -}}{{ include "valkey.fullname" . }}{{- end -}}
{{- end -}}
{{- define "valkey.replicaStatefulSetName" -}}{{ include "valkey.fullnameWith" (dict "ctx" . "suffix" "-replica") }}{{- end -}}

{{- define "valkey.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "valkey.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* ======================================================================
     Labels. Pods carry app.kubernetes.io/{name,instance,component}; the
     component is valkey (data pods), sentinel, backup, restore, cluster-init,
     cluster-scale, cluster-precheck or test. Data pods also carry
     valkey.io/mode and (replication: static, sentinel: maintained by the
     role-labeler sidecar) valkey.io/role=primary|replica.
     ====================================================================== */}}

{{- define "valkey.selectorLabels" -}}
app.kubernetes.io/name: {{ include "valkey.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{- define "valkey.labels" -}}
helm.sh/chart: {{ include "valkey.chart" .ctx }}
{{ include "valkey.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: valkey
valkey.io/mode: {{ .ctx.Values.mode }}
{{- with .ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "valkey.annotations" -}}
{{- with .Values.commonAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* ======================================================================
     Images
     ====================================================================== */}}

{{- define "valkey.registryPrefix" -}}
{{- if .Values.global.imageRegistry -}}{{ printf "%s/" (trimSuffix "/" .Values.global.imageRegistry) }}{{- end -}}
{{- end -}}

{{- define "valkey.image" -}}
{{- $tag := .Values.image.tag -}}
{{- if not $tag -}}
{{- $tag = ternary (printf "%s-hardened" .Chart.AppVersion) .Chart.AppVersion (eq .Values.image.variant "hardened") -}}
{{- end -}}
{{- printf "%s%s:%s" (include "valkey.registryPrefix" .) .Values.image.repository $tag -}}
{{- end -}}

{{/* Image with a shell (rpm variant) for init containers, Jobs and shell sidecars. */}}
{{- define "valkey.utilImage" -}}
{{- $repo := default .Values.image.repository .Values.image.jobs.repository -}}
{{- $tag := .Values.image.jobs.tag -}}
{{- if not $tag -}}
{{- if and (not .Values.image.jobs.repository) .Values.image.tag (ne .Values.image.variant "hardened") -}}
{{- $tag = .Values.image.tag -}}
{{- else -}}
{{- $tag = .Chart.AppVersion -}}
{{- end -}}
{{- end -}}
{{- printf "%s%s:%s" (include "valkey.registryPrefix" .) $repo $tag -}}
{{- end -}}

{{- define "valkey.metricsImage" -}}
{{- printf "%s%s:%s" (include "valkey.registryPrefix" .) .Values.metrics.image.repository .Values.metrics.image.tag -}}
{{- end -}}

{{- define "valkey.hasShell" -}}
{{- if ne .Values.image.variant "hardened" }}true{{ end -}}
{{- end -}}

{{- define "valkey.imagePullSecrets" -}}
{{- $names := list -}}
{{- range (concat (.Values.global.imagePullSecrets | default list) (.Values.image.pullSecrets | default list)) -}}
{{- if kindIs "map" . }}{{ $names = append $names .name }}{{ else }}{{ $names = append $names . }}{{ end -}}
{{- end -}}
{{- if $names }}
imagePullSecrets:
{{- range ($names | uniq) }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* ======================================================================
     Topology helpers
     ====================================================================== */}}

{{- define "valkey.dataReplicas" -}}
{{- if eq .Values.mode "cluster" -}}{{ .Values.cluster.replicas }}
{{- else if eq .Values.mode "sentinel" -}}{{ .Values.sentinel.replicas }}
{{- else if eq .Values.mode "replication" -}}1
{{- else -}}{{ .Values.standalone.replicas }}
{{- end -}}
{{- end -}}

{{- define "valkey.svcDomain" -}}{{ .Release.Namespace }}.svc.{{ .Values.clusterDomain }}{{- end -}}

{{/* Port clients, probes and scripts connect to. */}}
{{- define "valkey.clientPort" -}}
{{- if .Values.tls.enabled }}{{ .Values.tls.port }}{{ else }}{{ .Values.service.port }}{{ end -}}
{{- end -}}

{{/* Replication (and cluster bus) uses TLS: always in cluster/sentinel modes with TLS, when tls.replication, or without a plaintext port. */}}
{{- define "valkey.tlsReplication" -}}
{{- if and .Values.tls.enabled (or .Values.tls.replication .Values.tls.disablePlaintext (eq .Values.mode "cluster") (eq .Values.mode "sentinel")) }}true{{ end -}}
{{- end -}}

{{- define "valkey.replicationPort" -}}
{{- if include "valkey.tlsReplication" . }}{{ .Values.tls.port }}{{ else }}{{ .Values.service.port }}{{ end -}}
{{- end -}}

{{/* ======================================================================
     Secrets
     ====================================================================== */}}

{{- define "valkey.secretName" -}}
{{- if .Values.auth.existingSecret -}}{{ .Values.auth.existingSecret }}{{- else -}}{{ include "valkey.fullname" . }}{{- end -}}
{{- end -}}

{{- define "valkey.passwordKey" -}}
{{- if .Values.auth.existingSecret -}}{{ .Values.auth.existingSecretPasswordKey }}{{- else -}}valkey-password{{- end -}}
{{- end -}}

{{/* The chart Secret is needed for a generated/given password, ACL user passwords or the monitoring password. */}}
{{- define "valkey.createSecret" -}}
{{- if .Values.auth.enabled -}}
{{- if not .Values.auth.existingSecret }}true{{ end -}}
{{- if and .Values.acl.enabled (not .Values.acl.existingSecret) -}}
{{- range $name, $u := .Values.acl.users }}{{ if $u.password }}true{{ end }}{{ end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "valkey.monitoringEnabled" -}}
{{- if and .Values.auth.enabled .Values.acl.monitoringUser.enabled (not .Values.acl.existingSecret) }}true{{ end -}}
{{- end -}}

{{/* Secret and key holding the monitoring user's password. */}}
{{- define "valkey.monitoringSecretName" -}}
{{- if .Values.acl.monitoringUser.existingSecret -}}{{ .Values.acl.monitoringUser.existingSecret }}{{- else if .Values.auth.existingSecret -}}{{ .Values.auth.existingSecret }}{{- else -}}{{ include "valkey.fullname" . }}{{- end -}}
{{- end -}}
{{- define "valkey.monitoringSecretKey" -}}
{{- if or .Values.acl.monitoringUser.existingSecret .Values.auth.existingSecret -}}{{ .Values.acl.monitoringUser.passwordKey }}{{- else -}}monitoring-password{{- end -}}
{{- end -}}

{{- define "valkey.operationsEnabled" -}}
{{- if and .Values.auth.enabled .Values.acl.operationsUser.enabled (not .Values.acl.existingSecret) }}true{{ end -}}
{{- end -}}

{{/* Secret and key holding the operations user's password. */}}
{{- define "valkey.operationsSecretName" -}}
{{- if .Values.acl.operationsUser.existingSecret -}}{{ .Values.acl.operationsUser.existingSecret }}{{- else if .Values.auth.existingSecret -}}{{ .Values.auth.existingSecret }}{{- else -}}{{ include "valkey.fullname" . }}{{- end -}}
{{- end -}}
{{- define "valkey.operationsSecretKey" -}}
{{- if or .Values.acl.operationsUser.existingSecret .Values.auth.existingSecret -}}{{ .Values.acl.operationsUser.passwordKey }}{{- else -}}operations-password{{- end -}}
{{- end -}}

{{/* Key of an ACL user's password inside the chart Secret. */}}
{{- define "valkey.aclUserKey" -}}acl-user-{{ . }}{{- end -}}

{{/* Projected volume with every password file the init container / watcher needs. */}}
{{/* Every Secret key mounted into the secrets volume: secret, key, path (under
     auth.passwordFilePath) and whether a pod needs it to start. */}}
{{- define "valkey.secretFiles" -}}
{{- $files := list (dict "secret" (include "valkey.secretName" .) "key" (include "valkey.passwordKey" .) "path" "valkey-password" "required" true) -}}
{{- if include "valkey.monitoringEnabled" . }}
{{- $own := not (or (ne "" .Values.acl.monitoringUser.existingSecret) (ne "" .Values.auth.existingSecret)) -}}
{{- $files = append $files (dict "secret" (include "valkey.monitoringSecretName" .) "key" (include "valkey.monitoringSecretKey" .) "path" "monitoring-password" "required" $own) -}}
{{- end }}
{{- if include "valkey.operationsEnabled" . }}
{{- $own := not (or (ne "" .Values.acl.operationsUser.existingSecret) (ne "" .Values.auth.existingSecret)) -}}
{{- $files = append $files (dict "secret" (include "valkey.operationsSecretName" .) "key" (include "valkey.operationsSecretKey" .) "path" "operations-password" "required" $own) -}}
{{- end }}
{{- if .Values.acl.enabled }}
{{- if .Values.acl.existingSecret }}
{{- $files = append $files (dict "secret" .Values.acl.existingSecret "key" "users.acl" "path" "users.acl" "required" true) -}}
{{- else }}
{{- range $name, $u := .Values.acl.users }}
{{- if $u.existingPasswordSecret }}
{{- $files = append $files (dict "secret" $u.existingPasswordSecret "key" $u.passwordKey "path" (printf "acl/%s" $name) "required" true) -}}
{{- else }}
{{- $files = append $files (dict "secret" (include "valkey.fullname" $) "key" (include "valkey.aclUserKey" $name) "path" (printf "acl/%s" $name) "required" true) -}}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- toYaml $files -}}
{{- end -}}

{{/* The secrets volume. Every source is optional: a missing Secret or key would
     otherwise keep the pod in ContainerCreating without saying which; the init
     scripts name it instead (valkey.requiredSecrets, check_required_secrets). */}}
{{- define "valkey.secretsVolume" -}}
- name: secrets
  projected:
    defaultMode: 0400
    sources:
      {{- range (include "valkey.secretFiles" . | fromYamlArray) }}
      - secret:
          name: {{ .secret }}
          optional: true
          items:
            - key: {{ .key }}
              path: {{ .path }}
      {{- end }}
{{- end -}}

{{/* Lines "<file> <secret> <key>" for every Secret key a data or Sentinel pod
     needs before it can start (lib.sh check_required_secrets). */}}
{{- define "valkey.requiredSecrets" -}}
{{- $v := .Values -}}
{{- $lines := list -}}
{{- if $v.auth.enabled }}
{{- range (include "valkey.secretFiles" . | fromYamlArray) }}
{{- if .required }}{{ $lines = append $lines (printf "%s/%s %s %s" $v.auth.passwordFilePath .path .secret .key) }}{{ end }}
{{- end }}
{{- end }}
{{- if $v.tls.enabled }}
{{- $tlsSecret := include "valkey.tlsSecretName" . -}}
{{- range (list (include "valkey.tlsCertKey" .) (include "valkey.tlsKeyKey" .) (include "valkey.tlsCaKey" .)) }}
{{- $lines = append $lines (printf "%s/%s %s %s" $v.tls.certMountPath . $tlsSecret .) }}
{{- end }}
{{- end }}
{{- join "\n" $lines -}}
{{- end -}}

{{/* Environment that lets valkey-cli authenticate without a command-line password. */}}
{{- define "valkey.cliAuthEnv" -}}
{{- if and .Values.auth.enabled (not .Values.auth.usePasswordFiles) }}
- name: REDISCLI_AUTH
  valueFrom:
    secretKeyRef:
      name: {{ include "valkey.secretName" . }}
      key: {{ include "valkey.passwordKey" . }}
{{- end }}
{{- end -}}

{{/* ======================================================================
     TLS
     ====================================================================== */}}

{{- define "valkey.tlsSecretName" -}}
{{- if .Values.tls.existingSecret -}}{{ .Values.tls.existingSecret }}{{- else -}}{{ include "valkey.fullname" . }}-tls{{- end -}}
{{- end -}}
{{- define "valkey.tlsCertKey" -}}{{ if .Values.tls.existingSecret }}{{ .Values.tls.certKey }}{{ else }}tls.crt{{ end }}{{- end -}}
{{- define "valkey.tlsKeyKey" -}}{{ if .Values.tls.existingSecret }}{{ .Values.tls.keyKey }}{{ else }}tls.key{{ end }}{{- end -}}
{{- define "valkey.tlsCaKey" -}}{{ if .Values.tls.existingSecret }}{{ .Values.tls.caKey }}{{ else }}ca.crt{{ end }}{{- end -}}

{{- define "valkey.tlsVolume" -}}
{{- if .Values.tls.enabled }}
- name: tls
  secret:
    secretName: {{ include "valkey.tlsSecretName" . }}
    defaultMode: 0400
    # named by the init scripts when missing (valkey.requiredSecrets)
    optional: true
{{- if .Values.tls.dhParamsSecret }}
- name: tls-dhparams
  secret:
    secretName: {{ .Values.tls.dhParamsSecret }}
    defaultMode: 0400
{{- end }}
{{- end }}
{{- end -}}

{{- define "valkey.tlsVolumeMount" -}}
{{- if .Values.tls.enabled }}
- name: tls
  mountPath: {{ .Values.tls.certMountPath }}
  readOnly: true
{{- if .Values.tls.dhParamsSecret }}
- name: tls-dhparams
  mountPath: {{ .Values.tls.certMountPath }}-dhparams
  readOnly: true
{{- end }}
{{- end }}
{{- end -}}

{{/* valkey-cli TLS flags as a YAML list fragment (for exec probes). */}}
{{- define "valkey.cliTlsArgs" -}}
{{- if .Values.tls.enabled }}
- --tls
- --cacert
- {{ .Values.tls.certMountPath }}/{{ include "valkey.tlsCaKey" . }}
- --cert
- {{ .Values.tls.certMountPath }}/{{ include "valkey.tlsCertKey" . }}
- --key
- {{ .Values.tls.certMountPath }}/{{ include "valkey.tlsKeyKey" . }}
{{- end }}
{{- end -}}

{{/* Environment read by every script under scripts/ (see scripts/lib.sh). */}}
{{- define "valkey.scriptEnv" -}}
- name: VALKEY_MODE
  value: {{ .Values.mode | quote }}
- name: VALKEY_SCRIPTS_DIR
  value: /opt/valkey/scripts
- name: VALKEY_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: VALKEY_FULLNAME
  value: {{ include "valkey.fullname" . | quote }}
- name: VALKEY_HEADLESS_SERVICE
  value: {{ include "valkey.headlessName" . | quote }}
- name: VALKEY_SENTINEL_HEADLESS_SERVICE
  value: {{ include "valkey.sentinelHeadlessName" . | quote }}
- name: VALKEY_CLUSTER_DOMAIN
  value: {{ .Values.clusterDomain | quote }}
- name: VALKEY_PORT
  value: {{ include "valkey.clientPort" . | quote }}
- name: VALKEY_PASSWORD_FILE
  value: {{ if .Values.auth.enabled }}{{ printf "%s/valkey-password" .Values.auth.passwordFilePath | quote }}{{ else }}""{{ end }}
- name: VALKEY_TLS
  value: {{ ternary "true" "false" .Values.tls.enabled | quote }}
{{- if .Values.tls.enabled }}
- name: VALKEY_TLS_CA_FILE
  value: {{ printf "%s/%s" .Values.tls.certMountPath (include "valkey.tlsCaKey" .) | quote }}
- name: VALKEY_TLS_CERT_FILE
  value: {{ printf "%s/%s" .Values.tls.certMountPath (include "valkey.tlsCertKey" .) | quote }}
- name: VALKEY_TLS_KEY_FILE
  value: {{ printf "%s/%s" .Values.tls.certMountPath (include "valkey.tlsKeyKey" .) | quote }}
{{- end }}
{{- if eq .Values.mode "cluster" }}
- name: VALKEY_POD_PREFIX
  value: {{ include "valkey.fullname" . | quote }}
- name: VALKEY_CLUSTER_SIZE
  value: {{ .Values.cluster.replicas | quote }}
- name: VALKEY_CLUSTER_REPLICAS_PER_PRIMARY
  value: {{ .Values.cluster.replicasPerPrimary | quote }}
{{- end }}
{{- if eq .Values.mode "sentinel" }}
- name: VALKEY_POD_PREFIX
  value: {{ include "valkey.fullname" . | quote }}
- name: VALKEY_SENTINEL_POD_PREFIX
  value: {{ include "valkey.sentinelName" . | quote }}
- name: VALKEY_SENTINEL_COUNT
  value: {{ .Values.sentinel.sentinelReplicas | quote }}
- name: VALKEY_SENTINEL_PORT
  value: {{ .Values.sentinel.port | quote }}
- name: VALKEY_SENTINEL_MASTER_SET
  value: {{ .Values.sentinel.masterSet | quote }}
- name: VALKEY_DATA_COUNT
  value: {{ .Values.sentinel.replicas | quote }}
{{- end }}
{{- end -}}

{{/* ======================================================================
     Resources
     ====================================================================== */}}

{{- define "valkey.resourcePresets" -}}
{{- $p := dict
  "nano" (dict "requests" (dict "cpu" "100m" "memory" "128Mi") "limits" (dict "cpu" "250m" "memory" "256Mi"))
  "micro" (dict "requests" (dict "cpu" "250m" "memory" "256Mi") "limits" (dict "cpu" "500m" "memory" "512Mi"))
  "small" (dict "requests" (dict "cpu" "500m" "memory" "512Mi") "limits" (dict "cpu" "1" "memory" "1Gi"))
  "medium" (dict "requests" (dict "cpu" "1" "memory" "1Gi") "limits" (dict "cpu" "2" "memory" "2Gi"))
  "large" (dict "requests" (dict "cpu" "2" "memory" "2Gi") "limits" (dict "cpu" "4" "memory" "4Gi"))
  "xlarge" (dict "requests" (dict "cpu" "4" "memory" "4Gi") "limits" (dict "cpu" "8" "memory" "8Gi"))
-}}
{{- toYaml (get $p .) -}}
{{- end -}}

{{/* Resources of the valkey container: preset, overridden per field by resources.limits/requests. */}}
{{- define "valkey.resources" -}}
{{- $out := dict -}}
{{- if and .Values.resourcePreset (ne .Values.resourcePreset "none") -}}
{{- $out = include "valkey.resourcePresets" .Values.resourcePreset | fromYaml -}}
{{- end -}}
{{- if .Values.resources.requests }}{{ $_ := set $out "requests" (merge (deepCopy .Values.resources.requests) (get $out "requests" | default dict)) }}{{ end -}}
{{- if .Values.resources.limits }}{{ $_ := set $out "limits" (merge (deepCopy .Values.resources.limits) (get $out "limits" | default dict)) }}{{ end -}}
{{- if $out }}{{ toYaml $out }}{{ else }}{}{{ end -}}
{{- end -}}

{{/* ======================================================================
     Scheduling
     ====================================================================== */}}

{{/* args: ctx, component, preset (type/topologyKey), affinity */}}
{{- define "valkey.affinity" -}}
{{- if .affinity }}
affinity:
  {{- toYaml .affinity | nindent 2 }}
{{- else if .preset.type }}
affinity:
  podAntiAffinity:
    {{- if eq .preset.type "hard" }}
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: {{ .preset.topologyKey }}
        labelSelector:
          matchLabels:
            {{- include "valkey.selectorLabels" (dict "ctx" .ctx "component" .component) | nindent 12 }}
    {{- else }}
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: {{ .preset.topologyKey }}
          labelSelector:
            matchLabels:
              {{- include "valkey.selectorLabels" (dict "ctx" .ctx "component" .component) | nindent 14 }}
    {{- end }}
{{- end }}
{{- end -}}

{{- define "valkey.topologySpread" -}}
{{- $v := .ctx.Values -}}
{{- if $v.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- tpl (toYaml $v.topologySpreadConstraints) .ctx | nindent 2 }}
{{- else if $v.topologySpread.enabled }}
topologySpreadConstraints:
  - maxSkew: {{ $v.topologySpread.maxSkew }}
    topologyKey: {{ $v.topologySpread.topologyKey }}
    whenUnsatisfiable: {{ $v.topologySpread.whenUnsatisfiable }}
    labelSelector:
      matchLabels:
        {{- include "valkey.selectorLabels" (dict "ctx" .ctx "component" .component) | nindent 8 }}
{{- end }}
{{- end -}}

{{- define "valkey.podSecurityContext" -}}
securityContext:
  {{- toYaml .Values.securityContext | nindent 2 }}
{{- end -}}

{{/* ======================================================================
     Disabled commands per mode
     ====================================================================== */}}

{{- define "valkey.disabledCommands" -}}
{{- $m := .Values.mode -}}
{{- $list := .Values.disableCommands -}}
{{- if and (eq $m "standalone") (kindIs "slice" .Values.disableCommandsStandalone) }}{{ $list = .Values.disableCommandsStandalone }}{{ end -}}
{{- if and (eq $m "replication") (kindIs "slice" .Values.disableCommandsReplication) }}{{ $list = .Values.disableCommandsReplication }}{{ end -}}
{{- if and (eq $m "cluster") (kindIs "slice" .Values.disableCommandsCluster) }}{{ $list = .Values.disableCommandsCluster }}{{ end -}}
{{- if and (eq $m "sentinel") (kindIs "slice" .Values.disableCommandsSentinel) }}{{ $list = .Values.disableCommandsSentinel }}{{ end -}}
{{- toJson ($list | default list) -}}
{{- end -}}

{{/* ======================================================================
     Hooks: helm or argocd (cluster.init.hookType)
     args: ctx, helm (helm hook events), argocd (Argo CD hook), weight
     ====================================================================== */}}
{{- define "valkey.hookAnnotations" -}}
{{- if eq .ctx.Values.cluster.init.hookType "argocd" }}
argocd.argoproj.io/hook: {{ .argocd }}
argocd.argoproj.io/hook-delete-policy: BeforeHookCreation
argocd.argoproj.io/sync-wave: {{ .weight | quote }}
{{- else }}
helm.sh/hook: {{ .helm }}
helm.sh/hook-weight: {{ .weight | quote }}
helm.sh/hook-delete-policy: before-hook-creation
{{- end }}
{{- end -}}
