import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ReplicationTopology,
  SentinelTopology,
} from '@valkey-backstage/plugin-valkey-common';
import { interpretSentinel, SentinelReplies } from './sentinelProbe';
import { interpretReplication, ReplicationReplies } from './standaloneProbe';

/** Replies recorded from real valkey-server runs by dev/recordProbeReplies.ts. */
const recorded = <T>(name: string): T =>
  JSON.parse(
    readFileSync(resolve(__dirname, '__fixtures__', `${name}.json`), 'utf8'),
  );

describe('interpretReplication on recorded replies: the primary frozen, its replicas known', () => {
  const replies = recorded<ReplicationReplies>('replication-frozen-primary');
  const result = interpretReplication(replies, 'replication');
  const t = result.topology as ReplicationTopology;

  it('names the primary in a timeout problem and shows it unreachable and down', () => {
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        section: 'connection',
        kind: 'timeout',
        node: replies.primary,
      }),
    );
    expect(t.primary).toMatchObject({
      address: replies.primary,
      role: 'primary',
      health: 'down',
      unreachable: true,
    });
  });

  it('shows both replicas as their own INFO describes them, without a lag it cannot know', () => {
    expect(t.replicas.map(r => r.address).sort()).toEqual(
      replies.answers
        .slice(1)
        .map(a => a.address)
        .sort(),
    );
    for (const replica of t.replicas) {
      expect(replica).toMatchObject({
        role: 'replica',
        replication: { primaryAddress: replies.primary },
      });
      expect(replica.unreachable).toBeUndefined();
      expect(replica.replication?.lagBytes).toBeUndefined();
      expect(replica.runtime?.connectedClients).toBeGreaterThan(0);
    }
  });

  it('keeps the known replicas: a view without the primary is not a new last good view', () => {
    expect(result.knownAddresses).toBeUndefined();
  });

  it("takes for a replica only a node with the primary's replication id from the last good probe", () => {
    const [, own, other] = replies.answers;
    const replid = /master_replid:([0-9a-f]+)/.exec(
      String((own.results[0] as { value: string }).value),
    )![1];
    // The second remembered address now answers for another instance.
    const foreignText = String(
      (other.results[0] as { value: string }).value,
    ).replace(/master_replid:[0-9a-f]+/, `master_replid:${'f'.repeat(40)}`);
    const withForeign: ReplicationReplies = {
      ...replies,
      replicationId: replid,
      answers: [
        replies.answers[0],
        own,
        { ...other, results: [{ ok: true, value: foreignText }] },
      ],
    };
    const again = interpretReplication(withForeign, 'replication');
    expect(
      (again.topology as ReplicationTopology).replicas.map(r => r.address),
    ).toEqual([own.address]);
    const same = interpretReplication(
      { ...replies, replicationId: replid },
      'replication',
    );
    expect((same.topology as ReplicationTopology).replicas).toHaveLength(2);
  });

  it('does not list a silent pod from the pattern as a replica', () => {
    const withPod: ReplicationReplies = {
      ...replies,
      answers: [
        ...replies.answers,
        {
          address: 'orders-valkey-0.orders-valkey-headless:6379',
          connectError: {
            kind: 'timeout',
            message: 'AUTH timed out',
            address: 'orders-valkey-0.orders-valkey-headless:6379',
          },
          results: [],
        },
      ],
      patternAddresses: ['orders-valkey-0.orders-valkey-headless:6379'],
    };
    const again = interpretReplication(withPod, 'replication');
    expect((again.topology as ReplicationTopology).replicas).toHaveLength(2);
    expect(
      again.problems.some(p => p.node?.startsWith('orders-valkey-0')),
    ).toBe(false);
  });

  it('without any answer reports only why', () => {
    const alone = interpretReplication(
      { primary: replies.primary, answers: replies.answers.slice(0, 1) },
      'replication',
    );
    expect(alone.topology).toBeUndefined();
    expect(alone.problems).toEqual([
      expect.objectContaining({ kind: 'timeout', node: replies.primary }),
    ]);
  });
});

describe('interpretSentinel on recorded replies: the configured Sentinel frozen', () => {
  const replies = recorded<SentinelReplies>('sentinel-frozen-first');
  const result = interpretSentinel(replies);
  const t = result.topology as SentinelTopology;
  const frozen = replies.failed[0].address;

  it('names the frozen Sentinel and shows it unreachable; the one that answered is marked as asked', () => {
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        section: 'connection',
        kind: 'timeout',
        node: frozen,
      }),
    );
    expect(t.sentinels.find(n => n.address === frozen)).toMatchObject({
      health: 'down',
      unreachable: true,
    });
    expect(t.sentinels.find(n => n.flags.includes('myself'))?.address).toBe(
      replies.answer!.address,
    );
    expect(t.sentinels).toHaveLength(3);
  });

  it('shows the primary and replicas from their own INFO, with byte lag', () => {
    expect(t.primary).toMatchObject({ role: 'primary', health: 'healthy' });
    expect(t.replicas).toHaveLength(2);
    for (const replica of t.replicas) {
      expect(replica.replication?.lagBytes).toBeGreaterThanOrEqual(0);
      expect(replica.persistence?.rdbSaves).toEqual(expect.any(Number));
    }
    expect(t.quorum.ok).toBe(true);
  });

  it('remembers the Sentinels Valkey reported for the next probe', () => {
    expect(result.known?.sentinels).toEqual(
      expect.arrayContaining([replies.answer!.address, frozen]),
    );
  });

  it('with no Sentinel answering reports each of them and no topology', () => {
    const none = interpretSentinel({
      ...replies,
      answer: undefined,
      dataAnswers: [],
    });
    expect(none.topology).toBeUndefined();
    expect(none.problems).toEqual([
      expect.objectContaining({ kind: 'timeout', node: frozen }),
    ]);
  });
});
