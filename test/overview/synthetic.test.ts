/**
 * The overview on a generated ecosystem of 20k+ nodes (`npm run generate`, imported into the embedded
 * store the way EMBEDDED_IMPORTS does), through the HTTP API: every grouping answers with at most the
 * asked groups, people/programmes/indicators hidden by default and back on demand, members paged with
 * positions, the server layout served with /api/graph once computed (the API answering meanwhile), and a
 * burst of bad parameters answered 400 problem+json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembersPage, OverviewGraph } from '../../server/api/overviewSchemas';
import { generateEcosystem } from '../../server/generate/synthetic';
import { importEmbedded } from '../../server/import/embedded';
import type { Running } from '../../server/main';
import { createEmbeddedStore } from '../../server/store/embedded';
import { call, serve } from '../helpers/app';

const ORGS = 20_000;

describe('overview of a 20k-node synthetic ecosystem', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'innograph-overview-'));
  let running: Running;
  let nodes = 0;

  beforeAll(async () => {
    const gen = generateEcosystem(join(tmp, 'data'), { orgs: ORGS, seed: 11, relationships: 60_000 });
    const store = createEmbeddedStore(join(tmp, 'layouts'));
    await importEmbedded(store, [{ mapping: 'mappings/synthetic-ecosystem.yaml', dataDir: gen.dir }], tmp, () => {});
    running = await serve(store, { LAYOUT_ITERATIONS: '5', LAYOUT_WAIT_MS: '0' });
    // the generated nodes and the mapping's Source node
    nodes = (await store.stats()).totals.nodes;
    expect(nodes).toBeGreaterThan(gen.nodes);
  }, 600_000);
  afterAll(async () => {
    await running?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('has 20k+ nodes', () => {
    expect(nodes).toBeGreaterThanOrEqual(20_000);
  });

  it('groups by every grouping, hiding people, programmes and indicators by default', async () => {
    for (const by of ['community', 'kind', 'region', 'funder', 'programme']) {
      const r = await call(running.url, `/api/overview?by=${by}&groups=40`);
      expect(r.status).toBe(200);
      const g = OverviewGraph.parse(r.body);
      expect(g.nodes.length).toBeGreaterThan(1);
      expect(g.nodes.length).toBeLessThanOrEqual(40);
      expect(g.attributes.totalNodes).toBe(nodes);
      expect(g.attributes.hiddenKinds).toEqual(['Person', 'Program', 'Indicator']);
      expect(g.nodes.reduce((s, n) => s + n.attributes.members, 0)).toBe(g.attributes.nodes);
      expect(g.nodes.some((n) => (n.attributes.kinds.Program ?? 0) > 0)).toBe(false);
      expect(g.nodes.filter((n) => n.attributes.forceLabel).length).toBe(Math.min(12, g.nodes.length));
      const keys = new Set(g.nodes.map((n) => n.key));
      for (const e of g.edges) expect(keys.has(e.source) && keys.has(e.target)).toBe(true);
    }
    const shown = OverviewGraph.parse(
      (await call(running.url, '/api/overview?by=kind&show=Person,Program,Indicator')).body,
    );
    expect(shown.attributes.hiddenKinds).toEqual([]);
    expect(shown.nodes.find((n) => n.key === 'kind:Program')?.attributes.members).toBeGreaterThan(0);
    expect(shown.attributes.nodes).toBe(nodes);
    const byMoney = OverviewGraph.parse((await call(running.url, '/api/overview?by=region&size=money')).body);
    const sizes = byMoney.nodes.map((n) => n.attributes.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(byMoney.attributes.currency).toMatch(/^[A-Z]{3}$/);
  });

  it('serves the node layout once computed, the API answering in the meantime', async () => {
    const first = await call(running.url, '/api/graph?limit=100000');
    expect(first.status).toBe(200);
    let g = first.body as { attributes: { layout: string }; nodes: { attributes: { x?: number } }[] };
    for (let i = 0; i < 3000 && g.attributes.layout !== 'ready'; i++) {
      expect(g.attributes.layout).toBe('pending');
      expect((await call(running.url, '/api/health')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      g = (await call(running.url, '/api/graph?limit=100000')).body as typeof g;
    }
    expect(g.attributes.layout).toBe('ready');
    expect(g.nodes.length).toBe(nodes);
    expect(g.nodes.every((n) => Number.isFinite(n.attributes.x))).toBe(true);
  }, 900_000);

  it('pages through the largest group with positions', async () => {
    const g = OverviewGraph.parse((await call(running.url, '/api/overview?by=community&groups=40')).body);
    const top = g.nodes[0]!;
    const r = await call(running.url, `/api/overview/groups/${top.key}/members?groups=40&limit=200`);
    expect(r.status).toBe(200);
    const page = MembersPage.parse(r.body);
    expect(page.group.members).toBe(top.attributes.members);
    expect(page.graph.nodes.length).toBe(Math.min(200, top.attributes.members));
    expect(page.graph.attributes.layout).toBe('ready');
    expect(page.graph.nodes.every((n) => Number.isFinite(n.attributes.x))).toBe(true);
    if (page.nextCursor) {
      const next = MembersPage.parse(
        (
          await call(
            running.url,
            `/api/overview/groups/${top.key}/members?groups=40&limit=200&cursor=${page.nextCursor}`,
          )
        ).body,
      );
      const firstKeys = new Set(page.graph.nodes.map((n) => n.key));
      expect(next.graph.nodes.some((n) => firstKeys.has(n.key))).toBe(false);
    }
  });

  it('answers a burst of bad parameters with 400 problem+json', async () => {
    const bad = [
      '/api/overview?by=planet',
      '/api/overview?size=weight',
      '/api/overview?currency=usd',
      '/api/overview?groups=1',
      '/api/overview?show=Martian',
      '/api/overview?unknown=1',
      '/api/overview/groups/not-a-group/members',
      '/api/overview/groups/kind:Lab/members?limit=0',
      '/api/overview/groups/kind:Lab/members?cursor=%7B%7D',
      `/api/overview/groups/kind:${'x'.repeat(300)}/members`,
    ];
    const replies = await Promise.all(bad.map((p) => call(running.url, p)));
    for (const r of replies) {
      expect(r.status).toBe(400);
      expect(r.type).toContain('application/problem+json');
    }
    expect((await call(running.url, '/api/overview/groups/kind:Nothing/members')).status).toBe(404);
  });
});
