/**
 * The server layout's cache on the embedded store: computed once and kept on disk, found again by a
 * new service (a restart), invalidated when the data changes; a request never waits past LAYOUT_WAIT_MS.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { OverviewService } from '../../server/overview/service';
import { createEmbeddedStore } from '../../server/store/embedded';
import type { GraphStore } from '../../server/store/store';
import { node, rel } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'innograph-layout-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The store, counting the layouts it is asked to keep. */
function counting(store: GraphStore): { store: GraphStore; writes: string[] } {
  const writes: string[] = [];
  return {
    writes,
    store: {
      ...store,
      writeLayout: (key, version, layout) => {
        writes.push(key);
        return store.writeLayout(key, version, layout);
      },
    },
  };
}

const settings = (wait = 60_000) =>
  parseConfig({ LAYOUT_ITERATIONS: '10', LAYOUT_WAIT_MS: String(wait), LAYOUT_CACHE_DIR: dir });

describe('server layout cache (embedded store, on disk)', () => {
  it('is computed once, found again after a restart, and computed again when the data changes', async () => {
    const base = createEmbeddedStore(join(dir, 'a'));
    await base.upsertGraph({
      nodes: [node('doc', 'Source'), ...Array.from({ length: 30 }, (_, i) => node(`n${i}`))],
      relationships: Array.from({ length: 40 }, (_, i) => rel(`r${i}`, `n${i % 30}`, `n${(i * 7 + 1) % 30}`)),
    });
    const first = counting(base);
    const g1 = await new OverviewService(first.store, settings()).withPositions(await base.overview({ limit: 1000 }));
    expect(g1.attributes.layout).toBe('ready');
    expect(g1.nodes.every((n) => typeof n.attributes.x === 'number')).toBe(true);
    expect(first.writes.filter((k) => k.startsWith('nodes-'))).toHaveLength(1);
    expect(readdirSync(join(dir, 'a')).filter((f) => f.startsWith('nodes-'))).toHaveLength(1);

    // a new service over the same data (a restart): read from disk, not computed
    const second = counting(base);
    const g2 = await new OverviewService(second.store, settings()).withPositions(await base.overview({ limit: 1000 }));
    expect(second.writes).toEqual([]);
    expect(g2.nodes.map((n) => [n.key, n.attributes.x, n.attributes.y])).toEqual(
      g1.nodes.map((n) => [n.key, n.attributes.x, n.attributes.y]),
    );

    // the same service sees a write: the layout is computed again and covers the new node
    const svc = new OverviewService(second.store, settings());
    await svc.withPositions(await base.overview({ limit: 1000 }));
    await base.upsertNodes([node('late')]);
    await base.upsertRelationships([rel('late-r', 'late', 'n1')]);
    const g3 = await svc.withPositions(await base.overview({ limit: 1000 }));
    expect(g3.nodes.find((n) => n.key === 'late')?.attributes.x).toEqual(expect.any(Number));
    expect(second.writes.filter((k) => k.startsWith('nodes-'))).toHaveLength(1);
    // the stale file of the key is gone
    expect(readdirSync(join(dir, 'a')).filter((f) => f.startsWith('nodes-'))).toHaveLength(1);
  });

  it('answers without positions while the layout is computed, rather than wait', async () => {
    const store = createEmbeddedStore(join(dir, 'b'));
    await store.upsertGraph({
      nodes: [node('doc', 'Source'), ...Array.from({ length: 50 }, (_, i) => node(`m${i}`))],
      relationships: Array.from({ length: 60 }, (_, i) => rel(`q${i}`, `m${i % 50}`, `m${(i * 3 + 2) % 50}`)),
    });
    const svc = new OverviewService(store, settings(0));
    const g = await svc.withPositions(await store.overview({ limit: 1000 }));
    expect(g.attributes.layout).toBe('pending');
    expect(g.nodes.some((n) => 'x' in n.attributes)).toBe(false);
    // later answers have it
    let ready = g;
    for (let i = 0; i < 600 && ready.attributes.layout !== 'ready'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await svc.withPositions(await store.overview({ limit: 1000 }));
    }
    expect(ready.attributes.layout).toBe('ready');
    expect(ready.nodes.every((n) => typeof n.attributes.x === 'number')).toBe(true);
  });
});
