import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { TimelineResponse } from '@valkey-backstage/plugin-valkey-common';
import { valkeyApiRef } from '../api';
import { useRefreshTick } from './useRefreshTick';

export interface TimelineState {
  timeline?: TimelineResponse;
  /** The last refresh failed (the previous timeline, if any, stays shown). */
  error?: Error;
}

/**
 * The recorded timeline of one environment, asked again every `intervalMs`
 * while the tab is visible (reading it costs the instance nothing: it comes
 * from the backend's database).
 */
export function useTimeline(
  entityRef: CompoundEntityRef,
  environment: string,
  intervalMs: number,
): TimelineState {
  const api = useApi(valkeyApiRef);
  const { tick } = useRefreshTick(intervalMs);
  const [state, setState] = useState<TimelineState>({});
  const { kind, namespace, name } = entityRef;

  // Another entity or environment: nothing of the previous one stays shown.
  useEffect(() => setState({}), [kind, namespace, name, environment]);

  useEffect(() => {
    let cancelled = false;
    api.getTimeline({ kind, namespace, name }, environment).then(
      timeline => !cancelled && setState({ timeline }),
      error => !cancelled && setState(s => ({ ...s, error })),
    );
    return () => {
      cancelled = true;
    };
  }, [api, kind, namespace, name, environment, tick]);

  return state;
}
