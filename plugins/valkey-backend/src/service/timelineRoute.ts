import { InputError } from '@backstage/errors';
import { TimelineResponse } from '@valkey-backstage/plugin-valkey-common';
import { Request } from 'express';
import { TimelineConfig } from '../config/readTimelineConfig';
import { environmentParameter } from './environmentParameter';
import { MAX_TIMELINE_EVENTS, TimelineStore } from '../timeline/TimelineStore';

/** Where the timeline route reads from. */
export interface TimelineSource {
  store: TimelineStore;
  config: TimelineConfig;
}

const TIMELINE_PARAMETERS = ['environment', 'limit'];

/** `?environment=<name>[&limit=<1..200>]`, nothing else. */
export function readTimelineQuery(req: Request): {
  environment: string;
  limit: number;
} {
  for (const key of Object.keys(req.query)) {
    if (!TIMELINE_PARAMETERS.includes(key)) {
      throw new InputError(
        `query parameter ${key} is not known; the timeline accepts only ${TIMELINE_PARAMETERS.join(
          ', ',
        )} (e.g. ?environment=prod&limit=50)`,
      );
    }
  }
  const environment = environmentParameter(req);
  const limit = req.query.limit;
  if (limit === undefined) return { environment, limit: MAX_TIMELINE_EVENTS };
  if (
    typeof limit !== 'string' ||
    !/^[0-9]{1,4}$/.test(limit) ||
    Number(limit) < 1 ||
    Number(limit) > MAX_TIMELINE_EVENTS
  ) {
    throw new InputError(
      `query parameter limit: ${JSON.stringify(
        limit,
      )} is not a whole number from 1 to ${MAX_TIMELINE_EVENTS}`,
    );
  }
  return { environment, limit: Number(limit) };
}

export async function timelineOf(
  { store, config }: TimelineSource,
  entityRef: string,
  query: { environment: string; limit: number },
): Promise<TimelineResponse> {
  const [events, last] = await Promise.all([
    store.events(entityRef, query.environment, query.limit),
    store.lastView(entityRef, query.environment),
  ]);
  return {
    entityRef,
    environment: query.environment,
    events,
    intervalSeconds: config.intervalSeconds,
    retentionDays: config.retentionDays,
    ...(last ? { observedAt: last.updatedAt.toISOString() } : {}),
  };
}
