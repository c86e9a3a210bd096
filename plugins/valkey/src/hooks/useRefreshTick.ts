import { useCallback, useEffect, useRef, useState } from 'react';
import { usePageVisible } from './usePageVisible';

/**
 * A counter that goes up every `intervalMs` while the browser tab is visible
 * (and `enabled`), at once when the tab becomes visible again, and on
 * `refresh()`. Effects that fetch depend on it.
 */
export function useRefreshTick(intervalMs: number, enabled = true) {
  const visible = usePageVisible();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!visible || !enabled) return undefined;
    const timer = setInterval(() => setTick(t => t + 1), intervalMs);
    return () => clearInterval(timer);
  }, [visible, enabled, intervalMs]);

  // Coming back to a hidden tab: fetch at once instead of waiting a full interval.
  const wasVisible = useRef(visible);
  useEffect(() => {
    if (visible && !wasVisible.current) setTick(t => t + 1);
    wasVisible.current = visible;
  }, [visible]);

  const refresh = useCallback(() => setTick(t => t + 1), []);
  return { tick, refresh, polling: visible };
}
