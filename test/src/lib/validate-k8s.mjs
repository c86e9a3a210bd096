#!/usr/bin/env node
// Validates Kubernetes objects against the kubernetes-models schemas (core API
// and the CRD packages). Input on stdin: JSON array of {id, object}. Output on
// stdout: JSON array of {id, kind, ok, error}. Runs as native ESM because the
// model packages only export "import" entry points.
const CRD_PACKAGES = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
  'cert-manager.io': '@kubernetes-models/cert-manager',
  'autoscaling.k8s.io': '@kubernetes-models/autoscaler',
  'argoproj.io': '@kubernetes-models/argo-cd',
  'bitnami.com': '@kubernetes-models/sealed-secrets',
  'external-secrets.io': '@kubernetes-models/external-secrets',
};

function modulePath(apiVersion) {
  if (!apiVersion.includes('/')) return `kubernetes-models/${apiVersion}`;
  const group = apiVersion.split('/')[0];
  const pkg = CRD_PACKAGES[group];
  return pkg ? `${pkg}/${apiVersion}` : `kubernetes-models/${apiVersion}`;
}

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const cache = new Map();
const out = [];
for (const { id, object } of input) {
  const kind = object?.kind;
  try {
    const mod = modulePath(object.apiVersion);
    if (!cache.has(mod)) cache.set(mod, await import(mod));
    const Model = cache.get(mod)[kind];
    if (typeof Model !== 'function')
      throw new Error(`no model for ${object.apiVersion} ${kind} in ${mod}`);
    new Model(object).validate();
    out.push({ id, kind, ok: true });
  } catch (e) {
    out.push({
      id,
      kind,
      ok: false,
      error: String(e?.message ?? e).slice(0, 2000),
    });
  }
}
process.stdout.write(JSON.stringify(out));
