import {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TimelineConfig } from '../config/readTimelineConfig';
import { TimelineSource } from '../service/timelineRoute';
import { StatusService } from '../status/StatusService';
import { TimelineObserver } from './TimelineObserver';
import { TimelineStore } from './TimelineStore';

/** The scheduler task id; one lock for all backend replicas sharing the database. */
export const TIMELINE_TASK_ID = 'valkey-timeline-observer';

/**
 * Opens the timeline store (running its migrations) and schedules the
 * observer as a global task, so with several backend replicas on one
 * database exactly one of them runs it at a time. Undefined when turned off.
 */
export async function startTimeline(options: {
  config: TimelineConfig;
  database: DatabaseService;
  scheduler: SchedulerService;
  status: StatusService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): Promise<TimelineSource | undefined> {
  const { config, database, scheduler, logger } = options;
  if (!config.enabled) return undefined;
  const store = await TimelineStore.create(database);
  const observer = new TimelineObserver({ ...options, store });
  await scheduler.scheduleTask({
    id: TIMELINE_TASK_ID,
    scope: 'global',
    frequency: { seconds: config.intervalSeconds },
    // Not at start-up: a backend that just started serves viewers first.
    initialDelay: { seconds: config.intervalSeconds },
    // A run reads each environment once; every probe has its own timeouts.
    timeout: { seconds: Math.max(60, config.intervalSeconds * 5) },
    fn: async () => {
      try {
        await observer.run();
      } catch (error) {
        logger.error(`valkey timeline: the observer run failed: ${error}`);
      }
    },
  });
  return { store, config };
}
