/*
 * Validates rendered objects with kubernetes-models (core API + CRD packages).
 * The model packages are ESM-only, so validation runs in a child Node process
 * (validate-k8s.mjs) that receives the objects as JSON on stdin.
 */
import { spawn } from 'child_process';
import path from 'path';
import type { K8sObject } from './helm';
import { repoRoot, testLibDir } from './paths';

export type ValidationResult = {
  id: string;
  kind: string;
  ok: boolean;
  error?: string;
};

export function validateObjects(
  items: { id: string; object: K8sObject | Record<string, any> }[],
): Promise<ValidationResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(testLibDir, 'validate-k8s.mjs')],
      { cwd: path.join(repoRoot, 'test') },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('close', code => {
      if (code !== 0) {
        reject(new Error(`validate-k8s.mjs exited ${code}: ${stderr}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout));
      } catch (e) {
        reject(
          new Error(`bad validator output: ${stdout.slice(0, 500)} ${stderr}`),
        );
      }
    });
    child.stdin.end(JSON.stringify(items));
  });
}
