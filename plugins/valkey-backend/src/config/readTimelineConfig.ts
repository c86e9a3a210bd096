import { Config } from '@backstage/config';

const PREFIX = 'valkey.timeline';

/** How the topology timeline observer runs (`valkey.timeline`). */
export interface TimelineConfig {
  enabled: boolean;
  /** How often the observer looks at every instance environment. */
  intervalSeconds: number;
  /** Events older than this are deleted by the observer. */
  retentionDays: number;
  /** Instance environments the observer reads at once. */
  concurrency: number;
}

/** Reads and checks `valkey.timeline`; throws with the key to change when something is wrong. */
export function readTimelineConfig(root: Config): TimelineConfig {
  const config = root.getOptionalConfig(PREFIX);
  const whole = (key: string, fallback: number, min: number, max: number) => {
    const value = config?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(
        `${PREFIX}.${key} must be a whole number from ${min} to ${max}, got ${value}`,
      );
    }
    return value;
  };
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    intervalSeconds: whole('intervalSeconds', 60, 1, 86_400),
    retentionDays: whole('retentionDays', 30, 1, 3650),
    concurrency: whole('concurrency', 4, 1, 64),
  };
}
