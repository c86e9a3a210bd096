import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { FleetResponse } from '@valkey-backstage/plugin-valkey-common';
import { valkeyApiRef } from '../api';
import { useRefreshTick } from './useRefreshTick';

/** The fleet page never asks more often than this, whatever the backend's interval. */
export const MIN_FLEET_REFRESH_MS = 5000;

export interface FleetState {
  /** The last answer received (it stays shown while a refresh fails). */
  fleet?: FleetResponse;
  /** The last refresh failed. */
  error?: Error;
  loading: boolean;
  /** When the last answer arrived in this browser. */
  updatedAt?: Date;
  /** How often the page asks again, ms. */
  intervalMs: number;
  /** False while refreshes are paused because the tab is hidden. */
  polling: boolean;
  refresh(): void;
}

/**
 * The fleet, asked again every refresh interval of the backend (its cache
 * lifetime: asking more often would only return the same rows) while the tab
 * is visible.
 */
export function useFleet(intervalMs?: number): FleetState {
  const api = useApi(valkeyApiRef);
  const [fleet, setFleet] = useState<FleetResponse>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const latest = useRef(0);
  const every =
    intervalMs ??
    Math.max(MIN_FLEET_REFRESH_MS, (fleet?.refreshIntervalSeconds ?? 0) * 1000);
  const { tick, refresh, polling } = useRefreshTick(every);

  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    api.getFleet().then(
      result => {
        if (request !== latest.current) return;
        setFleet(result);
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
  }, [api, tick]);

  return {
    fleet,
    error,
    loading,
    updatedAt,
    intervalMs: every,
    polling,
    refresh,
  };
}
