import { Typography } from '@material-ui/core';
import {
  ConnectionEndpoint,
  EnvironmentConnection,
  PASSWORD_ENV,
} from '@valkey-backstage/plugin-valkey-common';

const at = (e: ConnectionEndpoint) => `${e.host}:${e.port}`;

/** The facts behind the snippets, in words: where to connect, TLS, where the password is. */
export const ConnectionFactsList = ({ c }: { c: EnvironmentConnection }) => {
  const lines: string[] = [];
  if (c.clusterSeed)
    lines.push(
      `Cluster: connect a cluster-aware client to ${at(c.clusterSeed)}`,
    );
  if (c.sentinel)
    lines.push(
      `Sentinel: ${at(c.sentinel)}, primary name ${c.sentinel.primaryName}`,
    );
  if (c.primary) lines.push(`Writes (primary): ${at(c.primary)}`);
  if (c.read) lines.push(`Reads that may lag (replicas): ${at(c.read)}`);
  lines.push(c.tls ? 'TLS: on' : 'TLS: off');
  lines.push(
    c.password
      ? `Password: Secret ${c.password.secretName}, key ${c.password.secretKey}, in namespace ${c.namespace}; the code reads it from ${PASSWORD_ENV}`
      : 'Password authentication is off',
  );
  for (const u of c.aclUsers)
    lines.push(
      `User ${u.user}: password in Secret ${u.secretName}, key ${u.secretKey}`,
    );
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {lines.map(line => (
        <li key={line}>
          <Typography variant="body2">{line}</Typography>
        </li>
      ))}
    </ul>
  );
};
