import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RespDecoder } from '../client';
import {
  nodeInfoFromFields,
  parseCkquorum,
  parseClusterInfo,
  parseClusterNodes,
  parseClusterShards,
  parseInfo,
  parseNodeAddress,
  parseSentinelEntry,
  parseSentinelList,
  isStaleSentinelEntry,
} from '.';

const fixture = (name: string) =>
  readFileSync(resolve(__dirname, '__fixtures__', name));
const resp = (name: string) => new RespDecoder().push(fixture(name))[0];

describe('parseClusterNodes (recorded from valkey 8.0.1)', () => {
  const nodes = parseClusterNodes(
    fixture('cluster-nodes-migrating.txt').toString(),
  );

  it('reads ids, addresses, roles and slots', () => {
    expect(nodes).toHaveLength(6);
    const myself = nodes.find(n => n.flags.includes('myself'))!;
    expect(myself.flags).toEqual(['myself', 'master']);
    expect(myself.slots).toEqual([{ start: 0, end: 5460 }]);
    expect(myself.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(myself.busPort).toBe(myself.port + 10000);
    const replicas = nodes.filter(n => n.flags.includes('slave'));
    expect(replicas).toHaveLength(3);
    expect(replicas.every(r => nodes.some(p => p.id === r.primaryId))).toBe(
      true,
    );
  });

  it('reads the migrating marker of the myself line', () => {
    const myself = nodes.find(n => n.flags.includes('myself'))!;
    expect(myself.migrating).toEqual([
      {
        slot: 0,
        direction: 'migrating',
        peerNodeId: '4acb661fae26a9880f174062bff2dc1882137036',
      },
    ]);
  });

  it('reads PFAIL/FAIL flags, importing markers, hostnames and IPv6 addresses', () => {
    const [line] = parseClusterNodes(
      'e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 2001:db8::1:6379@16379,orders-valkey-2.orders-valkey-headless master,fail? - 1700000000000 1699999990000 5 disconnected 100-200 300 [301-<-4acb661fae26a9880f174062bff2dc1882137036]\n',
    );
    expect(line.ip).toBe('2001:db8::1');
    expect(line.port).toBe(6379);
    expect(line.address).toBe('[2001:db8::1]:6379');
    expect(line.hostname).toBe('orders-valkey-2.orders-valkey-headless');
    expect(line.flags).toEqual(['master', 'fail?']);
    expect(line.linkState).toBe('disconnected');
    expect(line.slots).toEqual([
      { start: 100, end: 200 },
      { start: 300, end: 300 },
    ]);
    expect(line.migrating).toEqual([
      {
        slot: 301,
        direction: 'importing',
        peerNodeId: '4acb661fae26a9880f174062bff2dc1882137036',
      },
    ]);
  });

  it('splits node addresses on the last colon', () => {
    expect(parseNodeAddress('::1:7000@17000')).toEqual({
      ip: '::1',
      port: 7000,
      busPort: 17000,
      hostname: undefined,
    });
  });
});

describe('parseClusterShards (recorded RESP2 reply)', () => {
  it('reads slot ranges and nodes with role, health and offsets', () => {
    const shards = parseClusterShards(resp('cluster-shards.resp'));
    expect(shards).toHaveLength(3);
    const slots = shards
      .flatMap(s => s.slots)
      .sort((a, b) => a.start - b.start);
    expect(slots).toEqual([
      { start: 0, end: 5460 },
      { start: 5461, end: 10922 },
      { start: 10923, end: 16383 },
    ]);
    for (const shard of shards) {
      expect(shard.nodes.map(n => n.role).sort()).toEqual([
        'primary',
        'replica',
      ]);
      for (const node of shard.nodes) {
        expect(node.id).toMatch(/^[0-9a-f]{40}$/);
        expect(node.address).toMatch(/^127\.0\.0\.1:\d+$/);
        // Valkey reports `loading` for a replica whose replication offset is still 0.
        expect(node.health).toBe(
          node.role === 'replica' && node.replicationOffset === 0
            ? 'loading'
            : 'online',
        );
        expect(typeof node.replicationOffset).toBe('number');
      }
    }
  });
});

describe('parseClusterInfo', () => {
  it('reads state and slot counters', () => {
    const info = parseClusterInfo(fixture('cluster-info.txt').toString());
    expect(info).toMatchObject({
      state: 'ok',
      slotsAssigned: 16384,
      slotsOk: 16384,
      slotsPfail: 0,
      slotsFail: 0,
      knownNodes: 6,
      size: 3,
    });
  });
});

describe('nodeInfoFromFields', () => {
  it('reads a primary with its replicas and persistence', () => {
    const info = nodeInfoFromFields(
      parseInfo(fixture('info-primary.txt').toString()),
    );
    expect(info.role).toBe('primary');
    expect(info.version).toBe('8.0.1');
    expect(info.replicas).toHaveLength(2);
    expect(info.replicas[0]).toMatchObject({ state: 'online' });
    expect(info.replicas[0].address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(info.persistence).toMatchObject({
      rdbLastBgsaveStatus: 'ok',
      aofEnabled: false,
      loading: false,
    });
    expect(typeof info.replicationOffset).toBe('number');
  });

  it('reads a replica link', () => {
    const info = nodeInfoFromFields(
      parseInfo(fixture('info-cluster-replica.txt').toString()),
    );
    expect(info.role).toBe('replica');
    expect(info.serverMode).toBe('cluster');
    expect(info.replication).toMatchObject({
      linkStatus: 'up',
      syncInProgress: false,
    });
    expect(info.replication!.primaryAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(info.replication!.lastIoSecondsAgo).toBeGreaterThanOrEqual(0);
  });

  it('drops the -1 "never" values of a replica that never connected', () => {
    const info = nodeInfoFromFields(
      parseInfo(
        'role:slave\r\nmaster_host:10.0.0.1\r\nmaster_port:6379\r\nmaster_link_status:down\r\nmaster_last_io_seconds_ago:-1\r\nmaster_link_down_since_seconds:-1\r\n',
      ),
    );
    expect(info.replication).toMatchObject({
      linkStatus: 'down',
      primaryAddress: '10.0.0.1:6379',
    });
    expect(info.replication!.lastIoSecondsAgo).toBeUndefined();
    expect(info.replication!.linkDownSinceSeconds).toBeUndefined();
  });
});

describe('Sentinel replies', () => {
  it('reads the primary entry', () => {
    const primary = parseSentinelEntry(resp('sentinel-primary.resp'));
    expect(primary.name).toBe('mymaster');
    expect(primary.flags).toEqual(['master']);
    expect(primary.fields.quorum).toBe('2');
    expect(isStaleSentinelEntry(primary)).toBe(false);
  });

  it('marks a stopped Sentinel as stale', () => {
    const sentinels = parseSentinelList(resp('sentinel-sentinels-sdown.resp'));
    expect(sentinels).toHaveLength(2);
    expect(sentinels.filter(isStaleSentinelEntry)).toHaveLength(1);
    expect(sentinels.find(isStaleSentinelEntry)!.flags).toContain('s_down');
  });

  it('reads replicas with their link status', () => {
    const replicas = parseSentinelList(resp('sentinel-replicas.resp'));
    expect(replicas).toHaveLength(2);
    expect(replicas.every(r => r.fields['master-link-status'] === 'ok')).toBe(
      true,
    );
  });

  it('reads a NOQUORUM answer', () => {
    const reply = resp('sentinel-ckquorum-noquorum.resp') as {
      message: string;
    };
    expect(parseCkquorum(reply.message, false)).toEqual({
      ok: false,
      text: reply.message,
      usableSentinels: 1,
    });
  });
});
