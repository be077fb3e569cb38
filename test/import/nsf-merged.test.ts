/**
 * Merged edges and paths on the NSF awards (embedded store): a division that makes several awards to
 * one institution gives one merged edge whose total, count and years are those of the awards, whose
 * parts page out through `between`, and one path, not one per award. On the fixture sample always, on
 * the full data set (../shared/realdata/nsf-awards-2017) when present, as in CI.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BetweenQuery, PathsQuery, type SerializedGraph } from '../../server/api/schemas';
import { runImport } from '../../server/import/importer';
import { createEmbeddedStore } from '../../server/store/embedded';
import type { GraphStore } from '../../server/store/store';

const ROOT = join(import.meta.dirname, '../..');
const MAPPING = join(ROOT, 'mappings/nsf-awards-2017.yaml');
const FIXTURE = join(ROOT, 'test/fixtures/nsf-awards-2017');
const FULL = join(ROOT, '../shared/realdata/nsf-awards-2017');
const HAS_FULL = existsSync(join(FULL, 'awards.csv'));
if (!HAS_FULL && process.env.CI === 'true')
  throw new Error(`CI=true and the full NSF data set is missing: no ${join(FULL, 'awards.csv')}`);

type Edge = SerializedGraph['edges'][number];
const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);

for (const [label, dir] of [['fixture', FIXTURE], ...(HAS_FULL ? [['full data set', FULL]] : [])] as const)
  describe(`NSF awards merged (${label})`, () => {
    let store: GraphStore;
    let flat: SerializedGraph;
    let merged: SerializedGraph;
    beforeAll(async () => {
      store = createEmbeddedStore();
      await runImport(MAPPING, store, { dataDir: dir, rejectsPath: null });
      flat = await store.overview({ limit: 100_000, merge: false });
      merged = await store.overview({ limit: 100_000 });
    }, 300_000);

    const byId = () => new Map(flat.edges.map((e) => [e.key, e]));
    /** merged FUNDS edges, most awards first */
    const parallelAwards = () =>
      merged.edges
        .filter((e) => e.attributes.type === 'FUNDS' && e.attributes.merged)
        .sort((a, b) => num(b.attributes.count) - num(a.attributes.count) || (a.key < b.key ? -1 : 1));

    it('gives one edge per division, institution and currency, with the total, count and years of its awards', () => {
      const awards = parallelAwards();
      expect(awards.length).toBeGreaterThan(0);
      const rels = byId();
      for (const e of awards) {
        const parts = e.attributes.relationships!.map((id) => rels.get(id)!);
        expect(parts.length).toBe(e.attributes.count);
        for (const p of parts) expect([p.source, p.target, p.attributes.currency]).toEqual([e.source, e.target, 'USD']);
        const sum = parts.reduce((s, p) => s + num(p.attributes.amount), 0);
        expect(e.attributes.amount).toBeCloseTo(sum, 2);
        const years = parts.flatMap((p) => [p.attributes.periodStart, p.attributes.periodEnd].map(num));
        expect([e.attributes.yearStart, e.attributes.yearEnd]).toEqual([Math.min(...years), Math.max(...years)]);
      }
      // every relationship is drawn exactly once
      const covered = merged.edges.flatMap((e: Edge) => (e.attributes.merged ? e.attributes.relationships! : [e.key]));
      expect(covered.length).toBe(flat.edges.length);
      expect(new Set(covered).size).toBe(flat.edges.length);
      expect(merged.edges.length).toBeLessThan(flat.edges.length);
    });

    it('pages out the awards of the biggest merged edge, summing to its total', async () => {
      const e = parallelAwards()[0]!;
      const ids: string[] = [];
      let sum = 0;
      let cursor: string | undefined;
      do {
        const page = await store.between(
          BetweenQuery.parse({ from: e.source, to: e.target, type: 'FUNDS', currency: 'USD', limit: 2, cursor }),
        );
        for (const it of page.items) {
          ids.push(it.id);
          sum += num(it.properties.amount);
          expect(it.sources[0]).toMatchObject({ source: 'nsf-awards-2017' });
          expect(it.sources[0]!.quote).toMatch(/awards\.csv/);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(ids).toEqual(e.attributes.relationships);
      expect(sum).toBeCloseTo(num(e.attributes.amount), 2);
    });

    it('finds one shortest path between a division and an institution it funds several times', async () => {
      const e = parallelAwards()[0]!;
      const { paths } = await store.paths(PathsQuery.parse({ from: e.source, to: e.target, maxHops: 2 }));
      expect(paths).toHaveLength(1);
      const joining = flat.edges.filter(
        (r) => (r.source === e.source && r.target === e.target) || (r.source === e.target && r.target === e.source),
      );
      expect(paths[0]!.hops[0]!.count).toBe(joining.length);
      expect(paths[0]!.hops[0]!.count).toBeGreaterThanOrEqual(num(e.attributes.count));
      // two hops away (institution → division → NSF directorate): each node sequence once
      const longer = await store.paths(PathsQuery.parse({ from: e.target, to: e.source, maxHops: 3, k: 5 }));
      const seqs = longer.paths.map((p) => p.nodes.map((n) => n.id).join('|'));
      expect(new Set(seqs).size).toBe(seqs.length);
    });
  });
