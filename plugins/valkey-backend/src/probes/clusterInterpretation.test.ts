import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ClusterTopology } from '@valkey-backstage/plugin-valkey-common';
import { ClusterReplies } from './clusterDiscovery';
import { interpretCluster } from './clusterInterpretation';

/** Replies recorded from real valkey-server runs by dev/recordClusterReplies.ts. */
const recorded = (name: string): ClusterReplies =>
  JSON.parse(
    readFileSync(resolve(__dirname, '__fixtures__', `${name}.json`), 'utf8'),
  );

const topologyOf = (replies: ClusterReplies) => {
  const result = interpretCluster(replies);
  if (!result.topology) throw new Error('no topology');
  return { ...result, topology: result.topology as ClusterTopology };
};
const nodes = (t: ClusterTopology) => t.shards.flatMap(s => s.nodes);
const seedIdOf = (replies: ClusterReplies) => {
  // The seed's id as the nodes that answered know it (by its address).
  const other = replies.answers.find(a => a.results[1]?.ok)!;
  const line = String((other.results[1] as { value: string }).value)
    .split('\n')
    .find(l => l.split(' ')[1]?.startsWith(`${replies.seed}@`))!;
  return line.split(' ')[0];
};

describe('interpretCluster on recorded replies: seed frozen (SIGSTOP), FAIL agreed, failover held back', () => {
  const replies = recorded('cluster-frozen-seed');
  const { topology: t, problems, knownAddresses } = topologyOf(replies);
  const seedId = seedIdOf(replies);
  const seedShard = t.shards.find(s => s.nodes.some(n => n.id === seedId))!;

  it('names the seed in a timeout problem and shows it unreachable, down and FAIL', () => {
    expect(problems).toContainEqual(
      expect.objectContaining({
        section: 'connection',
        kind: 'timeout',
        node: replies.seed,
        message: expect.stringMatching(
          new RegExp(
            `^${replies.seed} does not answer; it may be stopped, frozen or overloaded \\(AUTH on ${replies.seed} timed out after 1000 ms\\)$`,
          ),
        ),
      }),
    );
    expect(nodes(t).find(n => n.id === seedId)).toMatchObject({
      address: replies.seed,
      role: 'primary',
      health: 'down',
      unreachable: true,
      flags: expect.arrayContaining(['fail']),
    });
  });

  it('shows the five other nodes from their own INFO', () => {
    const others = nodes(t).filter(n => n.id !== seedId);
    expect(others).toHaveLength(5);
    for (const node of others) {
      expect(node.unreachable).toBeUndefined();
      expect(node.persistence?.rdbSaves).toEqual(expect.any(Number));
      expect(node.runtime?.connectedClients).toBeGreaterThan(0);
    }
  });

  it("marks the seed's slots FAIL, the others ok, and the cluster state fail", () => {
    expect(seedShard.slots.length).toBeGreaterThan(0);
    expect(seedShard.health).toBe('down');
    for (const range of seedShard.slots) {
      expect(t.coverage).toContainEqual(
        expect.objectContaining({ ...range, state: 'fail' }),
      );
    }
    const failSlots = t.coverage
      .filter(r => r.state === 'fail')
      .reduce((n, r) => n + r.end - r.start + 1, 0);
    expect(failSlots).toBe(
      seedShard.slots.reduce((n, r) => n + r.end - r.start + 1, 0),
    );
    expect(t.state).toBe('fail');
  });

  it('counts agreement among the answering primaries', () => {
    expect(t.quorum).toEqual({
      asked: 6,
      answered: 5,
      agreeing: 2,
      primariesAnswering: 2,
      primariesAgreeing: 2,
    });
  });

  it('gives every shard its CLUSTER MYSHARDID, not a node id', () => {
    const ids = new Set(nodes(t).map(n => n.id));
    for (const shard of t.shards) {
      expect(shard.id).toMatch(/^[0-9a-f]{40}$/);
      expect(ids.has(shard.id)).toBe(false);
    }
    expect(new Set(t.shards.map(s => s.id)).size).toBe(3);
  });

  it('remembers the six addresses Valkey reported, the seed among them', () => {
    expect(knownAddresses).toHaveLength(6);
    expect(knownAddresses).toContain(replies.seed);
  });

  it('leaves out a remembered address that is no longer a member', () => {
    const withStranger: ClusterReplies = {
      ...replies,
      answers: [
        ...replies.answers,
        {
          address: '127.0.0.1:1',
          connectError: {
            kind: 'unreachable',
            message: 'connecting to 127.0.0.1:1 failed: ECONNREFUSED',
            address: '127.0.0.1:1',
          },
          results: [],
        },
      ],
    };
    const result = topologyOf(withStranger);
    expect(result.problems.some(p => p.node === '127.0.0.1:1')).toBe(false);
    expect(result.topology.quorum.asked).toBe(6);
  });

  it('does not let a remembered address that now answers for another cluster outvote this one', () => {
    // Another cluster's node (other ids, higher epochs) at an old address,
    // made from a recorded answer.
    const donor = replies.answers.find(a =>
      String((a.results[1] as { value?: string } | undefined)?.value ?? '')
        .split('\n')
        .some(l => l.includes('myself,master')),
    )!;
    const otherIds = JSON.stringify(donor).replace(/[0-9a-f]{40}/g, id =>
      id.split('').reverse().join(''),
    );
    const foreign = JSON.parse(otherIds) as typeof donor;
    const nodesOutcome = foreign.results[1] as { ok: true; value: string };
    nodesOutcome.value = nodesOutcome.value
      .split('\n')
      .map(l => {
        const f = l.split(' ');
        if (f.length > 7) f[6] = '99';
        return f.join(' ');
      })
      .join('\n');
    const mixed: ClusterReplies = {
      ...replies,
      answers: [...replies.answers, { ...foreign, address: '10.9.9.9:6379' }],
    };
    const result = topologyOf(mixed);
    expect(
      nodes(result.topology)
        .map(n => n.id)
        .sort(),
    ).toEqual(
      nodes(t)
        .map(n => n.id)
        .sort(),
    );
    expect(result.topology.quorum).toMatchObject({ asked: 6, answered: 5 });
    expect(result.problems.some(p => p.node === '10.9.9.9:6379')).toBe(false);
  });

  it('counts a node reached under two names once', () => {
    const answering = replies.answers.find(a => !a.connectError)!;
    const twice: ClusterReplies = {
      ...replies,
      answers: [...replies.answers, { ...answering, address: 'localhost:1' }],
    };
    expect(topologyOf(twice).topology.quorum).toMatchObject({
      asked: 6,
      answered: 5,
    });
  });

  it('without any answer reports only why, and no topology', () => {
    const result = interpretCluster({
      seed: replies.seed,
      answers: replies.answers.filter(a => a.address === replies.seed),
    });
    expect(result.topology).toBeUndefined();
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'timeout', node: replies.seed }),
    ]);
    expect(result.knownAddresses).toEqual([]);
  });
});

describe('interpretCluster on recorded replies: after the failover', () => {
  const frozen = recorded('cluster-frozen-seed');
  const replies = recorded('cluster-after-failover');
  const seedId = seedIdOf(replies);
  const { topology: t } = topologyOf(replies);

  it('keeps the shard identity across the failover and shows the promoted replica as its primary', () => {
    const before = topologyOf(frozen).topology.shards.find(s =>
      s.nodes.some(n => n.id === seedId),
    )!;
    const after = t.shards.find(s => s.nodes.some(n => n.id === seedId))!;
    expect(after.id).toBe(before.id);
    expect(after.slots).toEqual(before.slots);
    const promoted = before.nodes.find(n => n.id !== seedId)!;
    expect(after.nodes[0]).toMatchObject({
      id: promoted.id,
      role: 'primary',
      health: 'healthy',
    });
    expect(after.nodes.find(n => n.id === seedId)).toMatchObject({
      health: 'down',
      unreachable: true,
      flags: expect.arrayContaining(['fail']),
    });
  });

  it('covers every slot again, agreed by all three primaries', () => {
    expect(t.coverage.every(r => r.state === 'ok')).toBe(true);
    expect(t.slotsOk).toBe(16384);
    expect(t.state).toBe('ok');
    expect(t.quorum).toMatchObject({
      primariesAnswering: 3,
      primariesAgreeing: 3,
    });
  });
});

describe('interpretCluster while the cluster converges after the failover (recorded answers of one run combined)', () => {
  // The promoted replica answers as after the failover; the other nodes
  // still answer as before it: the moment a probe can catch.
  const before = recorded('cluster-frozen-seed');
  const after = recorded('cluster-after-failover');
  const seedId = seedIdOf(after);
  const { topology: settled } = topologyOf(after);
  const promotedId = settled.shards.find(s =>
    s.nodes.some(n => n.id === seedId),
  )!.nodes[0].id;
  const promotedAddress = nodes(settled).find(
    n => n.id === promotedId,
  )!.address;
  const mixed: ClusterReplies = {
    seed: before.seed,
    answers: before.answers.map(
      a =>
        (a.address === promotedAddress &&
          after.answers.find(b => b.address === promotedAddress)) ||
        a,
    ),
  };

  it('shows the new owner of the slots (higher config epoch), not the majority that has not seen the move yet', () => {
    const { topology: t } = topologyOf(mixed);
    const shard = t.shards.find(s => s.nodes.some(n => n.id === seedId))!;
    expect(shard.nodes[0]).toMatchObject({ id: promotedId, role: 'primary' });
    expect(t.coverage.every(r => r.state === 'ok')).toBe(true);
    // And says the primaries do not agree yet.
    expect(t.quorum).toMatchObject({
      primariesAnswering: 3,
      primariesAgreeing: 1,
    });
  });
});

describe('interpretCluster on recorded replies: a slot being migrated', () => {
  const replies = recorded('cluster-migrating-slot');
  const { topology: t, problems } = topologyOf(replies);

  it('shows the MIGRATING and IMPORTING side of the slot and marks it in the coverage', () => {
    const moves = t.shards.flatMap(s =>
      s.migrating.map(m => ({ ...m, shard: s.id })),
    );
    expect(moves.map(m => m.direction).sort()).toEqual([
      'importing',
      'migrating',
    ]);
    const [slot] = new Set(moves.map(m => m.slot));
    const from = t.shards.find(s =>
      s.migrating.some(m => m.direction === 'migrating'),
    )!;
    const to = t.shards.find(s =>
      s.migrating.some(m => m.direction === 'importing'),
    )!;
    expect(from.migrating[0].peerNodeId).toBe(to.nodes[0].id);
    expect(to.migrating[0].peerNodeId).toBe(from.nodes[0].id);
    expect(t.coverage).toContainEqual(
      expect.objectContaining({ start: slot, end: slot, state: 'migrating' }),
    );
    expect(problems).toEqual([]);
  });
});
