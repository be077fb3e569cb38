/**
 * Contract checks of figures in the lookups (SEMANTICS.md "Figures"): `entity(id).figures` and
 * `.reportedFigures`, and the value attributes of Indicator nodes in graph payloads, computed here
 * from the seed independently of the stores. Registered inside runContractSuite.
 */
import { expect, it } from 'vitest';
import { Entity as EntitySchema, NeighborhoodQuery, OverviewQuery } from '../../server/api/schemas';
import type { GraphData, Node } from '../../server/model/model';
import { FIGURE_FIELDS } from '../../server/store/figures';
import type { GraphStore } from '../../server/store/store';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function valueFields(n: Node): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of FIGURE_FIELDS) {
    const v = (n as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The expected figures of `id` over relationships of `type`, ordered by metric, year (or period end), id. */
function expectedFigures(seed: GraphData, id: string, type: string) {
  const byId = new Map(seed.nodes.map((n) => [n.id, n]));
  const ids = [...new Set(seed.relationships.filter((r) => r.type === type && r.source === id).map((r) => r.target))];
  const figs = ids
    .map((t) => byId.get(t)!)
    .filter((n) => n.kind === 'Indicator')
    .map((n) => ({ id: n.id, name: n.name, description: n.description, ...valueFields(n), sources: n.sources }));
  const key = (f: Record<string, unknown>) =>
    (f.year as number | undefined) ?? (f.periodEnd as number | undefined) ?? (f.periodStart as number | undefined) ?? 0;
  return figs.sort(
    (a, b) =>
      cmp(String((a as Record<string, unknown>).metric), String((b as Record<string, unknown>).metric)) ||
      key(a) - key(b) ||
      cmp(a.id, b.id),
  );
}

/** Registers the figure checks; `store()` gives the seeded store of the enclosing suite. */
export function figureContracts(store: () => GraphStore, seed: GraphData): void {
  it('entity: lists the figures about an entity and the figures it reported', async () => {
    let withFigures = 0;
    let withReported = 0;
    for (const n of seed.nodes) {
      const e = EntitySchema.parse(await store().entity(n.id));
      expect(e.figures, n.id).toEqual(expectedFigures(seed, n.id, 'HAS_INDICATOR'));
      expect(e.reportedFigures, n.id).toEqual(expectedFigures(seed, n.id, 'REPORTS'));
      if (e.figures.length > 0) withFigures++;
      if (e.reportedFigures.length > 0) withReported++;
    }
    expect(withFigures).toBeGreaterThan(0);
    expect(withReported).toBeGreaterThan(0);
  });

  it('entity: Shandong shows its figures with qualifier, period and quote', async () => {
    const e = await store().entity('shandong');
    expect(e.figures.length).toBeGreaterThan(0);
    for (const f of e.figures) {
      expect(f.valueText.length).toBeGreaterThan(0);
      expect(f.sources.length).toBeGreaterThan(0);
    }
  });

  it('graph payloads carry the value attributes of Indicator nodes', async () => {
    const byId = new Map(seed.nodes.map((n) => [n.id, n]));
    const hood = await store().neighborhood('shandong', NeighborhoodQuery.parse({ depth: 1 }));
    const indicators = hood.nodes.filter((n) => n.attributes.kind === 'Indicator');
    expect(indicators.length).toBeGreaterThan(0);
    for (const n of indicators) expect(n.attributes).toMatchObject(valueFields(byId.get(n.key)!));
    const overview = await store().overview(OverviewQuery.parse({ kinds: 'Indicator' }));
    expect(overview.nodes.length).toBe(seed.nodes.filter((n) => n.kind === 'Indicator').length);
    for (const n of overview.nodes) expect(n.attributes).toMatchObject(valueFields(byId.get(n.key)!));
  });
}
