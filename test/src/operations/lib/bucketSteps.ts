/*
 * The steps backup.destination=s3 adds around backup.sh and restore.sh, as
 * the rendered pods order them: the backup Job's `upload` container after
 * backup.sh (both sharing a scratch /backup), and the data pods'
 * `restore-download` init container before restore.sh.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { K8sObject } from '../../lib/helm';
import { findContainer, Secrets, secretEnv } from './chart';
import { Env, runScriptOk, ScriptResult } from './scripts';

export function uploadsToBucket(objects: K8sObject[], cronJob: string) {
  return findContainer(objects, 'CronJob', cronJob, 'upload') !== undefined;
}

export function downloadsFromBucket(objects: K8sObject[], sts: string) {
  return (
    findContainer(objects, 'StatefulSet', sts, 'restore-download') !== undefined
  );
}

let lastJobSecond = 0;

/**
 * Backup sets are named by the UTC second a run starts, and an upload refuses
 * a name the bucket already holds. Scheduled Jobs of one instance are minutes
 * apart; back-to-back runs in a test wait for the next second like they would.
 */
async function nextBackupSecond() {
  while (Math.floor(Date.now() / 1000) <= lastJobSecond) {
    await new Promise(r => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
  }
  lastJobSecond = Math.floor(Date.now() / 1000);
}

/**
 * One run of the backup Job: backup.sh into `backupDir`, or, when the Job
 * uploads, into a fresh scratch dir (the Job's emptyDir) that the upload
 * container then sends to the bucket. `run(script, container, dir)` runs a
 * container's script with /backup at `dir`.
 */
export async function runBackupJob(
  uploads: boolean,
  backupDir: string,
  scratchRoot: string,
  run: (
    script: string,
    container: string,
    dir: string,
  ) => Promise<ScriptResult>,
): Promise<ScriptResult> {
  if (uploads) await nextBackupSecond();
  const dir = uploads
    ? mkdtempSync(join(scratchRoot, 'job-scratch-'))
    : backupDir;
  const backup = await run('backup.sh', 'backup', dir);
  if (!uploads || backup.code !== 0) return backup;
  const upload = await run('backup-upload.sh', 'upload', dir);
  return {
    ...upload,
    stdout: backup.stdout + upload.stdout,
    stderr: backup.stderr + upload.stderr,
    seconds: backup.seconds + upload.seconds,
  };
}

/**
 * The restore init containers of data pod StatefulSet `sts`: restore-download.sh
 * (when rendered, with the bucket Secret resolved), then restore.sh;
 * `envOf(container)` is the pod's env for a container. Returns their output.
 */
export async function runRestoreInit(
  scriptsDir: string,
  objects: K8sObject[],
  sts: string,
  secrets: Secrets,
  envOf: (container: 'restore' | 'restore-download') => Env,
): Promise<string> {
  let log = '';
  if (downloadsFromBucket(objects, sts)) {
    const d = await runScriptOk(scriptsDir, 'restore-download.sh', {
      ...envOf('restore-download'),
      ...secretEnv(objects, 'StatefulSet', sts, 'restore-download', secrets),
    });
    log = d.stderr;
  }
  const r = await runScriptOk(scriptsDir, 'restore.sh', envOf('restore'));
  return log + r.stderr;
}
