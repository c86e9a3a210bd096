import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InstanceEnvironments,
  InstanceStatus,
  InstanceStatusUnavailable,
  isStatusUnavailable,
} from '@valkey-backstage/plugin-valkey-common';
import { valkeyApiRef } from '../api';
import { useRefreshTick } from './useRefreshTick';

/** How often the cards ask for fresh status by default. */
export const DEFAULT_REFRESH_INTERVAL_MS = 5000;

export interface InstanceStatusState {
  environments?: InstanceEnvironments['environments'];
  /** Loading the environment list failed. */
  environmentsError?: Error;
  environment?: string;
  setEnvironment(environment: string): void;
  /** The last status received for the selected environment. */
  status?: InstanceStatus;
  /** The backend has no status for the selected environment (and polling stops). */
  unavailable?: InstanceStatusUnavailable;
  /** The last refresh failed (the previous status, if any, stays shown). */
  error?: Error;
  loading: boolean;
  /** When the last status arrived in this browser. */
  updatedAt?: Date;
  /** False while refreshes are paused because the tab is hidden. */
  polling: boolean;
  refresh(): void;
}

/**
 * The environments of an entity and the live status of the chosen one,
 * refreshed every `intervalMs` while the browser tab is visible.
 */
export function useInstanceStatus(
  entityRef: CompoundEntityRef,
  intervalMs: number = DEFAULT_REFRESH_INTERVAL_MS,
): InstanceStatusState {
  const api = useApi(valkeyApiRef);
  const refKey = stringifyEntityRef(entityRef);
  const [environments, setEnvironments] =
    useState<InstanceEnvironments['environments']>();
  const [environmentsError, setEnvironmentsError] = useState<Error>();
  const [environment, setEnvironment] = useState<string>();
  const [status, setStatus] = useState<InstanceStatus>();
  const [unavailable, setUnavailable] = useState<InstanceStatusUnavailable>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [updatedAt, setUpdatedAt] = useState<Date>();
  // Asking again cannot change "no status for this environment": no polling then.
  const { tick, refresh, polling } = useRefreshTick(
    intervalMs,
    Boolean(environment) && !unavailable,
  );
  const latest = useRef(0);

  useEffect(() => {
    let cancelled = false;
    // A different entity: nothing of the previous one may stay on screen.
    latest.current++;
    setEnvironments(undefined);
    setEnvironment(undefined);
    setStatus(undefined);
    setUnavailable(undefined);
    setError(undefined);
    setUpdatedAt(undefined);
    setLoading(true);
    setEnvironmentsError(undefined);
    api.getEnvironments(entityRef).then(
      result => {
        if (cancelled) return;
        setEnvironments(result.environments);
        const first =
          result.environments.find(e => e.configured) ?? result.environments[0];
        setEnvironment(current =>
          current && result.environments.some(e => e.name === current)
            ? current
            : first?.name,
        );
        if (!first) setLoading(false);
      },
      e => {
        if (cancelled) return;
        setEnvironmentsError(e);
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, refKey]);

  useEffect(() => {
    if (!environment) return;
    const request = ++latest.current;
    setLoading(true);
    api.getStatus(entityRef, environment).then(
      result => {
        if (request !== latest.current) return;
        if (isStatusUnavailable(result)) {
          setStatus(undefined);
          setUnavailable(result);
        } else {
          setStatus(result);
          setUnavailable(undefined);
        }
        setError(undefined);
        setUpdatedAt(new Date());
        setLoading(false);
      },
      e => {
        if (request !== latest.current) return;
        setError(e);
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, refKey, environment, tick]);

  const choose = useCallback((next: string) => {
    setStatus(undefined);
    setUnavailable(undefined);
    setError(undefined);
    setEnvironment(next);
  }, []);

  return {
    environments,
    environmentsError,
    environment,
    setEnvironment: choose,
    status,
    unavailable,
    error,
    loading,
    updatedAt,
    polling,
    refresh,
  };
}
