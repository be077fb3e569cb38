/**
 * The contract suite on the embedded graphology store, plus what only the embedded store must show:
 * its indexes follow updates (renames, moved relationships, kind changes).
 */
import { describe, expect, it } from 'vitest';
import { RelationshipsQuery, SearchQuery } from '../../server/api/schemas';
import type { Node, Relationship } from '../../server/model/model';
import { createEmbeddedStore, createSeededEmbeddedStore } from '../../server/store/embedded';
import { runContractSuite } from './contract';
import { runMergeContract } from './merged';

runContractSuite('embedded', () => Promise.resolve(createEmbeddedStore()));
runMergeContract('embedded', () => Promise.resolve(createEmbeddedStore()));

const src = [{ source: 'doc', quote: 'a quote' }];
const node = (id: string, kind: Node['kind'], name: string, extra: Record<string, unknown> = {}): Node =>
  ({ id, kind, name, aliases: [], description: '', sources: src, ...extra }) as Node;
const rel = (
  id: string,
  type: Relationship['type'],
  source: string,
  target: string,
  extra: Record<string, unknown> = {},
) => ({ id, type, source, target, sources: src, ...extra }) as Relationship;

describe('embedded store indexes', () => {
  it('follows renames, moved relationships and kind changes', async () => {
    const store = createEmbeddedStore();
    expect(store.backend).toBe('embedded');
    await store.upsertNodes([
      node('doc', 'Source', 'A document', { title: 'A document' }),
      node('acme', 'Enterprise', 'Acme Widgets'),
      node('lab-a', 'Lab', 'Alpha Lab'),
      node('lab-b', 'Lab', 'Beta Lab'),
      node('city', 'Region', 'Metro City'),
    ]);
    await store.upsertRelationships([
      rel('acme-funds-a', 'FUNDS', 'acme', 'lab-a', { amount: 5, currency: 'CNY' }),
      rel('acme-in-city', 'LOCATED_IN', 'acme', 'city'),
    ]);
    const ids = async (id: string) =>
      (await store.relationships(id, RelationshipsQuery.parse({}))).items.map((i) => i.id);
    expect(await ids('lab-a')).toEqual(['acme-funds-a']);

    const moved = await store.upsertRelationships([
      rel('acme-funds-a', 'FUNDS', 'acme', 'lab-b', { amount: 7, currency: 'CNY' }),
    ]);
    expect(moved).toMatchObject({ relationshipsCreated: 0, relationshipsUpdated: 1 });
    expect(await ids('lab-a')).toEqual([]);
    expect(await ids('lab-b')).toEqual(['acme-funds-a']);
    expect((await store.stats()).money).toEqual([{ currency: 'CNY', amount: 7, count: 1 }]);
    expect((await store.flows({ direction: 'down', depth: 1, limit: 1000 })).byRegion).toEqual([
      { from: 'city', to: 'unknown', currency: 'CNY', amount: 7, count: 1 },
    ]);

    await store.upsertNodes([node('acme', 'Fund', 'Zenith Capital', { aliases: ['天顶'] })]);
    const search = async (q: string) => (await store.search(SearchQuery.parse({ q }))).items.map((i) => i.id);
    expect(await search('acme')).toEqual([]);
    expect(await search('zenith')).toEqual(['acme']);
    expect(await search('天顶')).toEqual(['acme']);
    expect((await store.stats()).nodes).toEqual({ Fund: 1, Lab: 2, Region: 1, Source: 1 });
    expect((await store.overview({ kinds: ['Fund'], limit: 10 })).nodes.map((n) => n.key)).toEqual(['acme']);

    const again = await store.upsertNodes([node('acme', 'Fund', 'Zenith Capital', { aliases: ['天顶'] })]);
    expect(again).toMatchObject({ nodesCreated: 0, nodesUpdated: 0 });
  });

  it('loads the seed in one call', async () => {
    const store = await createSeededEmbeddedStore();
    expect((await store.stats()).totals.nodes).toBeGreaterThan(0);
  });
});
