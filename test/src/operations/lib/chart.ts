/*
 * Renders the chart with real Helm and takes the operational scripts and base
 * configuration files from the rendered ConfigMaps (never from charts/valkey/scripts
 * directly): what the tests run is what a cluster would mount.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmTemplate, K8sObject } from '../../lib/helm';

export const RELEASE = 'ops';

export type RenderedChart = {
  objects: K8sObject[];
  /** Directory holding every script of the scripts ConfigMap (lib.sh beside them). */
  scriptsDir: string;
  /** Data ConfigMap: valkey.conf, acl-users.conf, extra-flags.conf. */
  dataConfig: Record<string, string>;
  /** Sentinel ConfigMap (Sentinel mode only): sentinel.conf, sentinel-params.conf, acl-users.conf. */
  sentinelConfig: Record<string, string>;
  /** Directory holding the data and Sentinel config files as rendered. */
  configDir: string;
};

function configMapData(
  objects: K8sObject[],
  name: string,
): Record<string, string> {
  const cm = objects.find(
    o => o.kind === 'ConfigMap' && o.metadata.name === name,
  );
  return (cm?.data as Record<string, string>) ?? {};
}

/** helm template with `set`; throws with Helm's message when rendering fails. */
export async function renderChart(
  set: Record<string, string | number | boolean>,
): Promise<RenderedChart> {
  const r = await helmTemplate({ release: RELEASE, set });
  if (r.code !== 0) throw new Error(`helm template failed: ${r.stderr}`);
  const scripts = configMapData(r.objects, `${RELEASE}-valkey-scripts`);
  if (!scripts['lib.sh'])
    throw new Error('rendered chart has no scripts ConfigMap with lib.sh');
  const scriptsDir = mkdtempSync(join(tmpdir(), 'ops-scripts-'));
  for (const [name, text] of Object.entries(scripts))
    writeFileSync(join(scriptsDir, name), text, { mode: 0o555 });

  const dataConfig = configMapData(r.objects, `${RELEASE}-valkey-config`);
  const sentinelConfig = configMapData(
    r.objects,
    `${RELEASE}-valkey-sentinel-config`,
  );
  const configDir = mkdtempSync(join(tmpdir(), 'ops-config-'));
  for (const [name, text] of Object.entries(dataConfig))
    writeFileSync(join(configDir, name), text);
  for (const [name, text] of Object.entries(sentinelConfig))
    writeFileSync(join(configDir, `sentinel-${name}`), text);
  return {
    objects: r.objects,
    scriptsDir,
    dataConfig,
    sentinelConfig,
    configDir,
  };
}

/** A container (init containers included) of a rendered workload; throws when absent. */
export function renderedContainer(
  objects: K8sObject[],
  kind: string,
  name: string,
  container: string,
): any {
  const c = findContainer(objects, kind, name, container);
  if (!c) throw new Error(`${kind} ${name} has no container ${container}`);
  return c;
}

/** Like renderedContainer, but undefined when the workload or container is absent. */
export function findContainer(
  objects: K8sObject[],
  kind: string,
  name: string,
  container: string,
): any {
  const obj = objects.find(o => o.kind === kind && o.metadata.name === name);
  if (!obj) return undefined;
  const podSpec =
    kind === 'CronJob'
      ? obj.spec.jobTemplate.spec.template.spec
      : obj.spec.template.spec;
  const all = [...(podSpec.initContainers ?? []), ...podSpec.containers];
  return all.find((x: any) => x.name === container);
}

/**
 * The plain `value` env entries of a rendered workload's container (Job, CronJob,
 * StatefulSet; init containers included), so scripts run with the env the chart
 * gives them. Entries from fieldRef/secretKeyRef are left to the caller.
 */
export function renderedEnv(
  objects: K8sObject[],
  kind: string,
  name: string,
  container: string,
): Record<string, string> {
  const c = renderedContainer(objects, kind, name, container);
  const env: Record<string, string> = {};
  for (const e of c.env ?? [])
    if (typeof e.value === 'string') env[e.name] = e.value;
  delete env.VALKEY_SCRIPTS_DIR; // the runner points it at the rendered scripts
  return env;
}

/** Stand-in Secrets: name -> key -> value. */
export type Secrets = Record<string, Record<string, string>>;

/**
 * The `secretKeyRef` env entries of a rendered container that refer to one of
 * the given Secrets, resolved as the kubelet would (a missing key throws).
 */
export function secretEnv(
  objects: K8sObject[],
  kind: string,
  name: string,
  container: string,
  secrets: Secrets,
): Record<string, string> {
  const c = renderedContainer(objects, kind, name, container);
  const env: Record<string, string> = {};
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef;
    if (!ref || ref.name === undefined) continue;
    const secret = secrets[ref.name];
    if (!secret) continue; // not stood in for here (e.g. the password, which the caller passes)
    if (secret[ref.key] === undefined && !ref.optional)
      throw new Error(
        `${container} needs key ${ref.key} of Secret ${ref.name}`,
      );
    if (secret[ref.key] !== undefined) env[e.name] = secret[ref.key];
  }
  return env;
}

/** Whether the rendered StatefulSet `name` has the init container `container`. */
export function hasInitContainer(
  rendered: RenderedChart,
  name: string,
  container: string,
): boolean {
  const sts = rendered.objects.find(
    o => o.kind === 'StatefulSet' && o.metadata.name === name,
  );
  return (sts?.spec.template.spec.initContainers ?? []).some(
    (c: any) => c.name === container,
  );
}
