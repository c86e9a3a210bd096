/**
 * The sample instance spec `valkey-gitops --help` prints (and the README
 * shows): a replication instance in dev and staging. A test renders it with
 * the CLI so the sample keeps working when the spec schema changes.
 */
export const SAMPLE_SPEC = `# instance.yaml: one Valkey instance, rendered for each environment it lists
name: orders-cache                  # Helm release and catalog entity name
owner: group:default/team-orders
system: system:default/orders       # optional
description: Read-heavy cache for the orders API
mode: replication                   # standalone | replication | sentinel | cluster
size: small                         # nano | micro | small | medium | large | xlarge
topology:
  replicas: 2                       # read replicas besides the primary
persistence:
  enabled: true
  size: 8Gi
auth:
  aclUsers:
    - name: orders-api
      permissions: read-write       # read-only | read-write | admin
environments:                       # names from valkey.gitops.environments in the config
  - name: dev
  - name: staging
    overrides:
      size: medium
`;
