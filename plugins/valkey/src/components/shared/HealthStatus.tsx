import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { Health } from '@valkey-backstage/plugin-valkey-common';

const labels: Record<Health, string> = {
  healthy: 'healthy',
  degraded: 'degraded',
  down: 'down',
  unknown: 'unknown',
};

/** A health value as icon plus words, so colour is never the only signal. */
export const HealthStatus = (props: { health: Health; label?: string }) => {
  const text = props.label ?? labels[props.health];
  switch (props.health) {
    case 'healthy':
      return <StatusOK>{text}</StatusOK>;
    case 'degraded':
      return <StatusWarning>{text}</StatusWarning>;
    case 'down':
      return <StatusError>{text}</StatusError>;
    default:
      return <StatusPending>{text}</StatusPending>;
  }
};
