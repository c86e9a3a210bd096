{{/* Every rule a user can break, with a message naming the key to change.
     Included once from configmap.yaml (always rendered). */}}
{{- define "valkey.validate" -}}
{{- $v := .Values -}}
{{- $mode := $v.mode -}}
{{- $errors := list -}}

{{- /* ---- auth / ACL ---- */ -}}
{{- if and $v.acl.enabled (not $v.auth.enabled) -}}
{{- $errors = append $errors "acl.enabled: requires auth.enabled=true" -}}
{{- end -}}
{{- if and $v.auth.passwordRotation.enabled (not $v.auth.enabled) -}}
{{- $errors = append $errors "auth.passwordRotation.enabled: requires auth.enabled=true" -}}
{{- end -}}
{{- if and $v.auth.password (regexMatch "[\\s\"'\\\\]" $v.auth.password) -}}
{{- $errors = append $errors "auth.password: must not contain whitespace, quotes or backslashes" -}}
{{- end -}}
{{- if and $v.acl.existingSecret $v.acl.users -}}
{{- $errors = append $errors "acl.existingSecret: cannot be combined with acl.users (the Secret's users.acl replaces generated users)" -}}
{{- end -}}
{{- range $name, $u := $v.acl.users -}}
{{- if eq $name "default" -}}
{{- $errors = append $errors "acl.users.default: the default user is auto-managed by the chart — do not define it in acl.users" -}}
{{- else -}}
{{- if not (regexMatch "^[A-Za-z0-9][A-Za-z0-9_.-]*$" $name) -}}
{{- $errors = append $errors (printf "acl.users.%s: user names may contain only letters, digits, '_', '.' and '-'" $name) -}}
{{- end -}}
{{- if eq $name $v.acl.monitoringUser.name -}}
{{- $errors = append $errors (printf "acl.users.%s: this name is used by acl.monitoringUser.name" $name) -}}
{{- end -}}
{{- if eq $name $v.acl.operationsUser.name -}}
{{- $errors = append $errors (printf "acl.users.%s: this name is used by acl.operationsUser.name" $name) -}}
{{- end -}}
{{- if not (kindIs "map" $u) -}}
{{- $errors = append $errors (printf "acl.users.%s: must be a map with permissions and password or existingPasswordSecret" $name) -}}
{{- else -}}
{{- if not $u.permissions -}}
{{- $errors = append $errors (printf "acl.users.%s: permissions field is required" $name) -}}
{{- else if regexMatch "(^|\\s)[>#<!]" (toString $u.permissions) -}}
{{- $errors = append $errors (printf "acl.users.%s: permissions must not contain passwords (>, <, # or ! rules); use password or existingPasswordSecret" $name) -}}
{{- end -}}
{{- if and $u.existingPasswordSecret (not $u.passwordKey) -}}
{{- $errors = append $errors (printf "acl.users.%s: existingPasswordSecret requires passwordKey" $name) -}}
{{- end -}}
{{- if and $u.password $u.existingPasswordSecret -}}
{{- $errors = append $errors (printf "acl.users.%s: cannot set both password and existingPasswordSecret" $name) -}}
{{- end -}}
{{- if and (not $u.password) (not $u.existingPasswordSecret) -}}
{{- $errors = append $errors (printf "acl.users.%s: password or existingPasswordSecret is required" $name) -}}
{{- end -}}
{{- if and $u.password (regexMatch "[\\s\"'\\\\]" (toString $u.password)) -}}
{{- $errors = append $errors (printf "acl.users.%s: password must not contain whitespace, quotes or backslashes" $name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $v.acl.replicationUser -}}
{{- if not $v.acl.enabled -}}
{{- $errors = append $errors "acl.replicationUser: requires acl.enabled=true" -}}
{{- else -}}
{{- $ru := get ($v.acl.users | default dict) $v.acl.replicationUser -}}
{{- if not $ru -}}
{{- $errors = append $errors (printf "acl.replicationUser: user %q must be defined in acl.users with a password" $v.acl.replicationUser) -}}
{{- else if and (kindIs "map" $ru) (not $ru.password) (not $ru.existingPasswordSecret) -}}
{{- $errors = append $errors (printf "acl.replicationUser: user %q must have a password" $v.acl.replicationUser) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if and $v.acl.monitoringUser.enabled (not (regexMatch "^[A-Za-z0-9][A-Za-z0-9_.-]*$" $v.acl.monitoringUser.name)) -}}
{{- $errors = append $errors "acl.monitoringUser.name: may contain only letters, digits, '_', '.' and '-'" -}}
{{- end -}}
{{- if and $v.acl.operationsUser.enabled (not (regexMatch "^[A-Za-z0-9][A-Za-z0-9_.-]*$" $v.acl.operationsUser.name)) -}}
{{- $errors = append $errors "acl.operationsUser.name: may contain only letters, digits, '_', '.' and '-'" -}}
{{- end -}}
{{- if and $v.acl.operationsUser.enabled $v.acl.monitoringUser.enabled (eq $v.acl.operationsUser.name $v.acl.monitoringUser.name) -}}
{{- $errors = append $errors "acl.operationsUser.name: must differ from acl.monitoringUser.name (the operations user has rights the read-only monitoring user must not have)" -}}
{{- end -}}

{{- /* ---- modes and topology ---- */ -}}
{{- if eq $mode "cluster" -}}
{{- $min := mul 3 (add1 (int $v.cluster.replicasPerPrimary)) -}}
{{- if lt (int $v.cluster.replicas) (int $min) -}}
{{- $errors = append $errors (printf "cluster.replicas: %d nodes cannot hold 3 primaries with cluster.replicasPerPrimary=%d (need at least %d)" (int $v.cluster.replicas) (int $v.cluster.replicasPerPrimary) $min) -}}
{{- end -}}
{{- if eq (int $v.cluster.busPort) (int $v.service.port) -}}
{{- $errors = append $errors "cluster.busPort: must differ from service.port" -}}
{{- end -}}
{{- end -}}
{{- if eq $mode "sentinel" -}}
{{- if eq (mod (int $v.sentinel.sentinelReplicas) 2) 0 -}}
{{- $errors = append $errors (printf "sentinel.sentinelReplicas: must be odd (got %d)" (int $v.sentinel.sentinelReplicas)) -}}
{{- end -}}
{{- if gt (int $v.sentinel.quorum) (int $v.sentinel.sentinelReplicas) -}}
{{- $errors = append $errors "sentinel.quorum: cannot exceed sentinel.sentinelReplicas" -}}
{{- end -}}
{{- if $v.externalAccess.enabled -}}
{{- $errors = append $errors "externalAccess.enabled: external access is not supported in sentinel mode" -}}
{{- end -}}
{{- range (include "valkey.disabledCommands" . | fromJsonArray) -}}
{{- if has (upper .) (list "CONFIG" "REPLICAOF" "SLAVEOF" "INFO" "PING" "ROLE" "CLIENT" "SUBSCRIBE" "PUBLISH" "SCRIPT" "MULTI" "EXEC") -}}
{{- $errors = append $errors (printf "disableCommandsSentinel: %s is needed by Sentinel and cannot be disabled" .) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $v.standalone.useDeployment -}}
{{- if ne $mode "standalone" -}}
{{- $errors = append $errors "standalone.useDeployment: only valid with mode=standalone" -}}
{{- end -}}
{{- if $v.persistence.enabled -}}
{{- $errors = append $errors "standalone.useDeployment: requires persistence.enabled=false (a Deployment is cache-only)" -}}
{{- end -}}
{{- if gt (int $v.standalone.replicas) 1 -}}
{{- $errors = append $errors "standalone.replicas: a cache-only Deployment runs exactly 1 replica" -}}
{{- end -}}
{{- end -}}

{{- if and $v.externalAccess.enabled $v.standalone.useDeployment -}}
{{- $errors = append $errors "externalAccess.enabled: per-pod Services need a StatefulSet (standalone.useDeployment=false)" -}}
{{- end -}}

{{- /* ---- persistence ---- */ -}}
{{- if and $v.persistence.hostPath $v.persistence.enabled -}}
{{- $errors = append $errors "persistence.hostPath: requires persistence.enabled=false" -}}
{{- end -}}
{{- if $v.persistence.existingClaim -}}
{{- if or (ne $mode "standalone") (gt (int $v.standalone.replicas) 1) -}}
{{- $errors = append $errors "persistence.existingClaim: only valid in standalone mode with standalone.replicas=1" -}}
{{- end -}}
{{- end -}}
{{- if and $v.persistence.keepOnUninstall (eq $v.persistentVolumeClaimRetentionPolicy.whenDeleted "Delete") -}}
{{- $errors = append $errors "persistentVolumeClaimRetentionPolicy.whenDeleted: Delete contradicts persistence.keepOnUninstall=true" -}}
{{- end -}}

{{- /* ---- TLS ---- */ -}}
{{- if $v.tls.enabled -}}
{{- if and (not $v.tls.existingSecret) (not $v.tls.certManager.enabled) -}}
{{- $errors = append $errors "tls.existingSecret: TLS requires tls.existingSecret or tls.certManager.enabled=true" -}}
{{- end -}}
{{- if and $v.tls.existingSecret $v.tls.certManager.enabled -}}
{{- $errors = append $errors "tls.certManager.enabled: cannot be combined with tls.existingSecret" -}}
{{- end -}}
{{- if and $v.tls.certManager.enabled (not $v.tls.certManager.issuerRef.name) -}}
{{- $errors = append $errors "tls.certManager.issuerRef.name: required when tls.certManager.enabled=true" -}}
{{- end -}}
{{- if eq (int $v.tls.port) (int $v.service.port) -}}
{{- $errors = append $errors "tls.port: must differ from service.port" -}}
{{- end -}}
{{- else -}}
{{- if $v.tls.disablePlaintext -}}
{{- $errors = append $errors "tls.disablePlaintext: requires tls.enabled=true" -}}
{{- end -}}
{{- if $v.tls.certManager.enabled -}}
{{- $errors = append $errors "tls.certManager.enabled: requires tls.enabled=true" -}}
{{- end -}}
{{- end -}}

{{- /* ---- availability / scaling ---- */ -}}
{{- if and (ne (toString $v.pdb.minAvailable) "") (ne (toString $v.pdb.maxUnavailable) "") -}}
{{- $errors = append $errors "pdb.minAvailable: set either pdb.minAvailable or pdb.maxUnavailable, not both" -}}
{{- end -}}
{{- if $v.autoscaling.hpa.enabled -}}
{{- if ne $mode "standalone" -}}
{{- $errors = append $errors "autoscaling.hpa.enabled: HPA is only supported in standalone mode" -}}
{{- end -}}
{{- if gt (int $v.autoscaling.hpa.minReplicas) (int $v.autoscaling.hpa.maxReplicas) -}}
{{- $errors = append $errors "autoscaling.hpa.minReplicas: must not exceed autoscaling.hpa.maxReplicas" -}}
{{- end -}}
{{- end -}}

{{- /* ---- metrics ---- */ -}}
{{- if not $v.metrics.enabled -}}
{{- if $v.metrics.serviceMonitor.enabled -}}{{- $errors = append $errors "metrics.serviceMonitor.enabled: requires metrics.enabled=true" -}}{{- end -}}
{{- if $v.metrics.podMonitor.enabled -}}{{- $errors = append $errors "metrics.podMonitor.enabled: requires metrics.enabled=true" -}}{{- end -}}
{{- if $v.metrics.prometheusRule.enabled -}}{{- $errors = append $errors "metrics.prometheusRule.enabled: requires metrics.enabled=true" -}}{{- end -}}
{{- end -}}
{{- if and $v.metrics.prometheusRule.enabled (not $v.metrics.prometheusRule.defaultRules) (not $v.metrics.prometheusRule.rules) -}}
{{- $errors = append $errors "metrics.prometheusRule.rules: the PrometheusRule would be empty (enable defaultRules or add rules)" -}}
{{- end -}}

{{- /* ---- backup ---- */ -}}
{{- $toBucket := eq $v.backup.destination "s3" -}}
{{- if and $v.backup.restore.enabled (not $toBucket) (not $v.backup.enabled) (not $v.backup.storage.existingClaim) -}}
{{- $errors = append $errors "backup.restore.enabled: requires backup.enabled=true, backup.storage.existingClaim or backup.destination=s3" -}}
{{- end -}}
{{- if and $toBucket (or $v.backup.enabled $v.backup.restore.enabled) -}}
{{- $errors = concat $errors (include "valkey.validateBucket" $v.backup | fromYamlArray) -}}
{{- end -}}
{{- if not (regexMatch "^(latest|[0-9]{8}T[0-9]{6}Z)$" (toString $v.backup.restore.from)) -}}
{{- $errors = append $errors (printf "backup.restore.from: %q is neither \"latest\" nor a backup set name such as 20260131T020000Z" (toString $v.backup.restore.from)) -}}
{{- end -}}
{{- if and $v.backup.restore.enabled (not $v.persistence.enabled) (not $v.persistence.hostPath) -}}
{{- $errors = append $errors "backup.restore.enabled: requires persistence (nothing to restore into)" -}}
{{- end -}}

{{- if $errors -}}
{{- fail (printf "\n\nVALUES VALIDATION:\n%s" (join "\n" $errors)) -}}
{{- end -}}
{{- end -}}
