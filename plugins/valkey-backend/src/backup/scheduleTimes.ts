import { CronExpressionParser } from 'cron-parser';

export interface ScheduleTimes {
  /** Seconds between the last two scheduled runs at or before `now`. */
  intervalSeconds: number;
  nextRun: Date;
}

/**
 * Interval and next run of a CronJob schedule (in the CronJob's time zone,
 * UTC when none). The interval is the gap between the two latest scheduled
 * times, so irregular schedules (weekdays only) use the gap that applies now.
 */
export function scheduleTimes(
  schedule: string,
  now: Date,
  timeZone?: string,
): ScheduleTimes {
  const options = { currentDate: now, tz: timeZone ?? 'UTC' };
  const past = CronExpressionParser.parse(schedule, options);
  const last = past.prev().toDate();
  const beforeLast = past.prev().toDate();
  const nextRun = CronExpressionParser.parse(schedule, options).next().toDate();
  return {
    intervalSeconds: Math.round((last.getTime() - beforeLast.getTime()) / 1000),
    nextRun,
  };
}
