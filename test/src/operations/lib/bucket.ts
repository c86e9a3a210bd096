/*
 * A real S3 wire protocol on loopback: s3rver (an S3-compatible server) with
 * one bucket, and the bucket seen through rclone, the client the chart's
 * upload and download containers run, configured like they are (env only).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Secrets } from './chart';

// s3rver ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const S3rver = require('s3rver');

const run = promisify(execFile);

/** The Secret the chart's backup.s3.credentials name, with s3rver's fixed key pair. */
export const BUCKET_SECRET = 'backup-s3';
const KEY_PAIR = { id: 'S3RVER', secret: 'S3RVER' };

export class S3Bucket {
  private constructor(
    private readonly server: any,
    private readonly dir: string,
    readonly name: string,
    readonly endpoint: string,
  ) {}

  static async start(name = 'valkey-backups'): Promise<S3Bucket> {
    const dir = mkdtempSync(join(tmpdir(), 'ops-s3-'));
    const server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name }],
    });
    const { port } = await server.run();
    return new S3Bucket(server, dir, name, `http://127.0.0.1:${port}`);
  }

  /** Chart values sending backups to this bucket under `prefix`. */
  values(prefix: string): Record<string, string | boolean> {
    return {
      'backup.destination': 's3',
      'backup.s3.endpoint': this.endpoint,
      'backup.s3.bucket': this.name,
      'backup.s3.prefix': prefix,
      'backup.s3.region': 'us-east-1',
      'backup.s3.forcePathStyle': true,
      'backup.s3.credentials.secretName': BUCKET_SECRET,
    };
  }

  /** The stand-in Secrets the pods resolve their secretKeyRefs from. */
  get secrets(): Secrets {
    return {
      [BUCKET_SECRET]: {
        AWS_ACCESS_KEY_ID: KEY_PAIR.id,
        AWS_SECRET_ACCESS_KEY: KEY_PAIR.secret,
      },
    };
  }

  private rclone(args: string[], input?: string) {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: this.dir,
      RCLONE_CONFIG: join(this.dir, 'rclone.conf'),
      RCLONE_CONFIG_T_TYPE: 's3',
      RCLONE_CONFIG_T_PROVIDER: 'Other',
      RCLONE_CONFIG_T_ENDPOINT: this.endpoint,
      RCLONE_CONFIG_T_REGION: 'us-east-1',
      RCLONE_CONFIG_T_FORCE_PATH_STYLE: 'true',
      RCLONE_CONFIG_T_ACCESS_KEY_ID: KEY_PAIR.id,
      RCLONE_CONFIG_T_SECRET_ACCESS_KEY: KEY_PAIR.secret,
    };
    const p = run('rclone', args, { env, maxBuffer: 64 * 1024 * 1024 });
    if (input !== undefined) p.child.stdin?.end(input);
    return p;
  }

  /** Every object key under `prefix`, sorted. */
  async keys(prefix: string): Promise<string[]> {
    const { stdout } = await this.rclone([
      'lsf',
      '-R',
      '--files-only',
      `t:${this.name}/${prefix}`,
    ]);
    return stdout
      .split('\n')
      .filter(Boolean)
      .map(k => `${prefix}/${k}`)
      .sort();
  }

  /** Names of the sets under `prefix` that have a completion marker. */
  async completeSets(prefix: string): Promise<string[]> {
    return (await this.keys(prefix))
      .map(k => k.slice(prefix.length + 1))
      .filter(k => /^\d{8}T\d{6}Z\/COMPLETE$/.test(k))
      .map(k => k.split('/')[0]);
  }

  async put(key: string, text: string) {
    await this.rclone(['rcat', `t:${this.name}/${key}`], text);
  }

  async get(key: string, file: string) {
    await this.rclone(['copyto', `t:${this.name}/${key}`, file]);
  }

  async text(key: string): Promise<string> {
    return (await this.rclone(['cat', `t:${this.name}/${key}`])).stdout;
  }

  async destroy() {
    await this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
