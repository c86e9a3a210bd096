import { Page } from 'playwright-core';
import { ValkeyServer } from '@valkey-backstage/valkey-local';

/**
 * One shard as a comparable value: slot ranges, the serving primary, its
 * replicas and failed nodes (a failed old primary stays listed in its shard).
 */
export interface ShardView {
  slots: string[];
  primary?: string;
  replicas: string[];
  failed: string[];
}

function normalise(shards: ShardView[]): ShardView[] {
  return shards
    .map(s => ({
      ...s,
      slots: [...s.slots].sort(),
      replicas: [...s.replicas].sort(),
      failed: [...s.failed].sort(),
    }))
    .sort((a, b) =>
      (a.slots[0] ?? '~').localeCompare(b.slots[0] ?? '~', 'en', {
        numeric: true,
      }),
    );
}

/** The shards that own slots, as `valkey-cli --json CLUSTER SHARDS` on `node` reports them. */
export async function clusterShardsFromCli(
  node: ValkeyServer,
): Promise<ShardView[]> {
  const reply = JSON.parse(
    await node.cli(['--json', 'CLUSTER', 'SHARDS']),
  ) as Array<{
    slots: number[];
    nodes: Array<{ ip: string; port: number; role: string; health: string }>;
  }>;
  return normalise(
    reply
      .filter(shard => shard.slots.length > 0)
      .map(shard => {
        const slots: string[] = [];
        for (let i = 0; i < shard.slots.length; i += 2) {
          const [start, end] = [shard.slots[i], shard.slots[i + 1]];
          slots.push(start === end ? `${start}` : `${start}-${end}`);
        }
        const address = (n: { ip: string; port: number }) =>
          `${n.ip}:${n.port}`;
        const live = shard.nodes.filter(n => n.health !== 'fail');
        return {
          slots,
          primary: live.filter(n => n.role === 'master').map(address)[0],
          replicas: live.filter(n => n.role === 'replica').map(address),
          failed: shard.nodes.filter(n => n.health === 'fail').map(address),
        };
      }),
  );
}

/** The shards with slots as the topology card shows them. */
export async function clusterShardsOnPage(page: Page): Promise<ShardView[]> {
  const shards = await page.$$eval('[data-testid="shard"]', boxes =>
    boxes.map(box => {
      const slotsText =
        box.querySelector('[data-testid="shard-slots"]')?.textContent ?? '';
      const match = /^slots (.*) \(\d+\)$/.exec(slotsText);
      const rows = Array.from(
        box.querySelectorAll('tr[data-testid^="node-"]'),
      ).map(row => {
        const cells = row.querySelectorAll('td');
        return {
          address: row.getAttribute('data-testid')!.slice('node-'.length),
          role: cells[0]?.textContent ?? '',
          down: (cells[2]?.textContent ?? '').startsWith('down'),
        };
      });
      const live = rows.filter(r => !r.down);
      return {
        slots: match ? match[1].split(', ') : [],
        primary: live.find(r => r.role === 'primary')?.address,
        replicas: live.filter(r => r.role === 'replica').map(r => r.address),
        failed: rows.filter(r => r.down).map(r => r.address),
      };
    }),
  );
  return normalise(shards.filter(s => s.slots.length > 0));
}
