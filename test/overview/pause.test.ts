/**
 * The overview's passes over a large projection let the event loop run (server/overview/pause.ts):
 * other work (here, a setImmediate loop standing for other requests) runs while a grouping is built,
 * many times over, not just at the store's awaits.
 */
import { describe, expect, it } from 'vitest';
import { GroupsQuery } from '../../server/api/overviewSchemas';
import { parseConfig } from '../../server/config';
import { each, PAUSE_EVERY } from '../../server/overview/pause';
import { OverviewService } from '../../server/overview/service';
import type { Projection } from '../../server/overview/types';
import type { GraphStore } from '../../server/store/store';

/** A projection of `n` organisations funded by 50 funds, `m` relationships in all. */
function projection(n: number, m: number): Projection {
  const nodes: Projection['nodes'] = [];
  for (let i = 0; i < 50; i++) nodes.push({ id: `f${i}`, name: `Fund ${i}`, kind: 'Fund' });
  for (let i = 0; i < n; i++) nodes.push({ id: `o${i}`, name: `Org ${i}`, kind: i % 2 ? 'Enterprise' : 'Lab' });
  const edges: Projection['edges'] = [];
  for (let i = 0; i < m; i++)
    edges.push({
      id: `r${i}`,
      source: `f${i % 50}`,
      target: `o${(i * 7919) % n}`,
      type: 'FUNDS',
      amount: 1000 + i,
      currency: 'USD',
    });
  return { nodes, edges, deals: new Map() };
}

/** What the service asks of a store, over a fixed projection. */
const storeOf = (p: Projection): GraphStore =>
  ({
    dataVersion: () => Promise.resolve('v1'),
    projection: () => Promise.resolve(p),
    readLayout: () => Promise.resolve(undefined),
    writeLayout: () => Promise.resolve(),
  }) as unknown as GraphStore;

/** Counts the turns of a setImmediate loop while `work` runs. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let running = true;
  const spin = () => {
    if (!running) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  const value = await work();
  running = false;
  return { value, turns };
}

describe('cooperative passes', () => {
  it('each pauses every PAUSE_EVERY items', async () => {
    const seen: number[] = [];
    const { turns } = await turnsDuring(() =>
      each(
        Array.from({ length: 5 * PAUSE_EVERY }, (_, i) => i),
        (i) => seen.push(i),
      ),
    );
    expect(seen).toHaveLength(5 * PAUSE_EVERY);
    expect(turns).toBeGreaterThanOrEqual(4);
  });

  it('a grouping of a large projection lets other work run many times while it is built', async () => {
    const edges = 10 * PAUSE_EVERY;
    const svc = new OverviewService(
      storeOf(projection(20_000, edges)),
      parseConfig({ LAYOUT_MAX_NODES: '0', OVERVIEW_HIDE_KINDS_ABOVE: '1000000' }),
    );
    const { value, turns } = await turnsDuring(() => svc.overview(GroupsQuery.parse({ by: 'funder' })));
    expect(value.nodes.length).toBeGreaterThan(10);
    // the state (hash, degrees, currencies) and the grouping each pass over every relationship
    expect(turns).toBeGreaterThanOrEqual(30);
  });
});
