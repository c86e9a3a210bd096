import {
  MigratingSlot,
  SlotRange,
} from '@valkey-backstage/plugin-valkey-common';

/** One line of `CLUSTER NODES`. */
export interface ClusterNodeLine {
  id: string;
  /** `ip:port` (IPv6 addresses keep their colons). */
  address: string;
  ip: string;
  port: number;
  busPort?: number;
  hostname?: string;
  flags: string[];
  /** The primary's id for a replica. */
  primaryId?: string;
  pingSentMs: number;
  pongReceivedMs: number;
  configEpoch: number;
  linkState: 'connected' | 'disconnected';
  slots: SlotRange[];
  /** Only on the `myself` line. */
  migrating: MigratingSlot[];
}

/**
 * Splits `ip:port@cport[,hostname]` on the last colon before `@` so IPv6
 * addresses stay whole.
 */
export function parseNodeAddress(field: string): {
  ip: string;
  port: number;
  busPort?: number;
  hostname?: string;
} {
  const [endpoint, hostname] = splitOnce(field, ',');
  const [hostPort, bus] = splitOnce(endpoint, '@');
  const colon = hostPort.lastIndexOf(':');
  const ip = colon === -1 ? hostPort : hostPort.slice(0, colon);
  const port = colon === -1 ? 0 : Number(hostPort.slice(colon + 1));
  return {
    ip,
    port,
    busPort: bus ? Number(bus) : undefined,
    hostname: hostname || undefined,
  };
}

function splitOnce(
  text: string,
  separator: string,
): [string, string | undefined] {
  const i = text.indexOf(separator);
  return i === -1 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)];
}

/** `host:port`, with IPv6 hosts in brackets. */
export function formatAddress(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export function parseClusterNodes(text: string): ClusterNodeLine[] {
  const nodes: ClusterNodeLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const parts = line.split(' ');
    if (parts.length < 8) continue;
    const [
      id,
      addressField,
      flagField,
      primary,
      pingSent,
      pongRecv,
      epoch,
      link,
      ...slotFields
    ] = parts;
    const address = parseNodeAddress(addressField);
    const node: ClusterNodeLine = {
      id,
      ip: address.ip,
      port: address.port,
      busPort: address.busPort,
      hostname: address.hostname,
      address: formatAddress(address.ip, address.port),
      flags: flagField === 'noflags' ? [] : flagField.split(','),
      primaryId: primary === '-' ? undefined : primary,
      pingSentMs: Number(pingSent),
      pongReceivedMs: Number(pongRecv),
      configEpoch: Number(epoch),
      linkState: link === 'connected' ? 'connected' : 'disconnected',
      slots: [],
      migrating: [],
    };
    for (const field of slotFields) {
      const move = /^\[(\d+)-([<>])-([0-9a-f]+)\]$/.exec(field);
      if (move) {
        node.migrating.push({
          slot: Number(move[1]),
          direction: move[2] === '>' ? 'migrating' : 'importing',
          peerNodeId: move[3],
        });
        continue;
      }
      const range = /^(\d+)(?:-(\d+))?$/.exec(field);
      if (range) {
        const start = Number(range[1]);
        node.slots.push({ start, end: range[2] ? Number(range[2]) : start });
      }
    }
    nodes.push(node);
  }
  return nodes;
}
