import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { VALKEY_ENTITY_TYPE } from '@valkey-backstage/plugin-valkey-common';
import { ConcurrencyLimiter } from '../cache/ConcurrencyLimiter';
import { TimelineConfig } from '../config/readTimelineConfig';
import { StatusService } from '../status/StatusService';
import { readInstanceAnnotations } from '../targets/instanceAnnotations';
import { TimelineStore } from './TimelineStore';
import { nextBaseline, topologyChanges } from './topologyChanges';

export interface TimelineObserverOptions {
  store: TimelineStore;
  status: StatusService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  config: TimelineConfig;
  now?: () => Date;
}

/** One instance environment to look at. */
interface Target {
  entityRef: string;
  instance: string;
  environment: string;
  mode: ReturnType<typeof readInstanceAnnotations>['mode'];
}

/** What one run did. */
export interface ObservationRun {
  /** Instance environments read. */
  observed: number;
  /** Events recorded. */
  events: number;
  /** Views another observer had already recorded (nothing stored). */
  skipped: number;
  /** Instance environments whose status could not be read. */
  failed: number;
  /** Events deleted by retention. */
  deleted: number;
}

const ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
];

/**
 * One run of the scheduled observer: reads every Valkey entity's configured
 * environments through the StatusService (its shared cache and probe limit,
 * at most `concurrency` at once), records what changed since the stored view,
 * and deletes events past retention.
 */
export class TimelineObserver {
  private readonly now: () => Date;

  constructor(private readonly options: TimelineObserverOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async run(): Promise<ObservationRun> {
    const { store, config, logger } = this.options;
    logger.debug('valkey timeline: run started');
    const targets = await this.targets();
    const limiter = new ConcurrencyLimiter(config.concurrency);
    const outcomes = await Promise.all(
      targets.map(target => limiter.run(() => this.observe(target))),
    );
    const run: ObservationRun = {
      observed: outcomes.filter(o => o !== 'failed').length,
      events: outcomes.reduce<number>(
        (n, o) => n + (typeof o === 'number' ? o : 0),
        0,
      ),
      skipped: outcomes.filter(o => o === 'skipped').length,
      failed: outcomes.filter(o => o === 'failed').length,
      deleted: await store.deleteEventsBefore(
        new Date(this.now().getTime() - config.retentionDays * 86_400_000),
      ),
    };
    logger.debug(
      `valkey timeline: observed ${run.observed}, recorded ${run.events} events, ${run.failed} unreadable, ${run.deleted} expired`,
    );
    return run;
  }

  private async targets(): Promise<Target[]> {
    const { catalog, auth, status, logger } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'resource', 'spec.type': VALKEY_ENTITY_TYPE },
        fields: ENTITY_FIELDS,
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items.flatMap((entity: Entity) => {
      const entityRef = stringifyEntityRef(entity);
      try {
        const { instance, environments, mode } =
          readInstanceAnnotations(entity);
        return environments
          .filter(environment => status.config.environments.has(environment))
          .map(environment => ({ entityRef, instance, environment, mode }));
      } catch (error) {
        logger.debug(`valkey timeline: skipping ${entityRef}: ${error}`);
        return [];
      }
    });
  }

  /** Events recorded, 'skipped' when another observer stored this view, 'failed' when unreadable. */
  private async observe(
    target: Target,
  ): Promise<number | 'skipped' | 'failed'> {
    const { store, status, logger } = this.options;
    const { entityRef, instance, environment, mode } = target;
    let next;
    try {
      next = await status.status(entityRef, instance, environment, mode);
    } catch (error) {
      logger.warn(
        `valkey timeline: no status for ${entityRef} in ${environment}: ${error}`,
      );
      return 'failed';
    }
    const previous = (await store.lastView(entityRef, environment))?.view;
    // The same cached view again, or an older one than stored: nothing new.
    if (
      previous &&
      Date.parse(next.probedAt) <= Date.parse(previous.probedAt)
    ) {
      return 0;
    }
    const events = topologyChanges(previous, next);
    const stored = await store.record({
      entityRef,
      environment,
      previous,
      next: nextBaseline(previous, next),
      events,
      now: this.now(),
    });
    if (!stored) return 'skipped';
    for (const event of events) {
      logger.info(
        `valkey timeline: ${entityRef} in ${environment}: ${event.summary}`,
      );
    }
    return events.length;
  }
}
