/**
 * A Kubernetes CronJob schedule: five fields (minute hour day-of-month month
 * day-of-week) with `*`, values, ranges, lists and steps, or a macro such as
 * `@daily`. Expressed as one regular expression so the form (JSON schema
 * `pattern`) and the action (zod) refuse exactly the same strings.
 */
const MONTH_NAMES = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const DAY_NAMES = 'sun|mon|tue|wed|thu|fri|sat';

function field(value: string): string {
  const element = `(?:\\*|(?:${value})(?:-(?:${value}))?)(?:/[1-9][0-9]?)?`;
  return `${element}(?:,${element}){0,11}`;
}

const MINUTE = field('[0-5]?[0-9]');
const HOUR = field('[01]?[0-9]|2[0-3]');
const DAY_OF_MONTH = field('0?[1-9]|[12][0-9]|3[01]');
const MONTH = field(
  `0?[1-9]|1[0-2]|${MONTH_NAMES}|${MONTH_NAMES.toUpperCase()}`,
);
const DAY_OF_WEEK = field(`[0-7]|${DAY_NAMES}|${DAY_NAMES.toUpperCase()}`);
const MACRO = '@(?:yearly|annually|monthly|weekly|daily|midnight|hourly)';

/** Source of the schedule pattern (no flags), as it appears in JSON schema. */
export const CRON_SCHEDULE_PATTERN = `^(?:${MACRO}|${MINUTE} ${HOUR} ${DAY_OF_MONTH} ${MONTH} ${DAY_OF_WEEK})$`;

export const CRON_SCHEDULE_REGEXP = new RegExp(CRON_SCHEDULE_PATTERN);

export const CRON_SCHEDULE_HINT =
  'a cron schedule with five fields "minute hour day-of-month month day-of-week" (e.g. "0 2 * * *") or a macro such as @daily';
