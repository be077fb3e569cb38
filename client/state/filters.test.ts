import { describe, expect, it } from 'vitest';
import { readSeed } from '../../server/data/seed';
import { isWithin } from '../../server/store/common';
import { BASE, emptyDataset, mergeGraph } from './dataset';
import {
  computeVisibility,
  defaultFilters,
  edgePasses,
  inYears,
  isDefault,
  playStep,
  setKindVisible,
  setMinAmount,
  setCurrency,
  setRegion,
  setYears,
  timeSpan,
  toggleKind,
  toggleType,
  withCurrency,
  withinIndex,
  yearBounds,
} from './filters';
import { sg } from './testing';

const ds = mergeGraph(
  emptyDataset(),
  sg(
    [
      ['cq', 'Region'],
      ['zone', 'Zone'],
      ['lab', 'Lab'],
      ['gov', 'GovernmentBody'],
      ['sd', 'Region'],
      ['fund', 'Fund'],
      ['ind', 'Indicator'],
    ],
    [
      ['zone-in-cq', 'zone', 'cq', 'LOCATED_IN'],
      ['lab-in-zone', 'lab', 'zone', 'LOCATED_IN'],
      ['gov-in-cq', 'gov', 'cq', 'LOCATED_IN'],
      ['fund-in-sd', 'fund', 'sd', 'LOCATED_IN'],
      ['gov-funds-lab', 'gov', 'lab', 'FUNDS', { amount: 1e9, currency: 'CNY', periodStart: 2021, periodEnd: 2025 }],
      ['fund-invests-lab', 'fund', 'lab', 'INVESTS_IN', { amount: 5e6, currency: 'CNY', year: 2019 }],
      ['fund-funds-gov', 'fund', 'gov', 'FUNDS', { year: 2018 }],
      ['lab-ind', 'lab', 'ind', 'HAS_INDICATOR'],
    ],
  ),
  BASE,
).dataset;

describe('filter changes', () => {
  it('starts with Indicator, Source and Deal hidden', () => {
    expect(defaultFilters().hiddenKinds).toEqual(['Source', 'Indicator', 'Deal']);
    expect(isDefault(defaultFilters())).toBe(true);
  });

  it('toggles kinds and types, keeping a canonical order', () => {
    let f = toggleKind(defaultFilters(), 'Lab');
    expect(f.hiddenKinds).toEqual(['Lab', 'Source', 'Indicator', 'Deal']);
    f = toggleKind(f, 'Indicator');
    expect(f.hiddenKinds).toEqual(['Lab', 'Source', 'Deal']);
    f = setKindVisible(f, 'Lab', true);
    f = setKindVisible(f, 'Lab', true);
    expect(f.hiddenKinds).toEqual(['Source', 'Deal']);
    f = toggleType(toggleType(f, 'PART_OF'), 'FUNDS');
    expect(f.hiddenTypes).toEqual(['FUNDS', 'PART_OF']);
    expect(toggleType(f, 'FUNDS').hiddenTypes).toEqual(['PART_OF']);
    expect(isDefault(f)).toBe(false);
  });

  it('orders and clamps the year range; the full range means all years', () => {
    const bounds: [number, number] = [2018, 2025];
    expect(setYears(defaultFilters(), [2024, 2019], bounds).years).toEqual([2019, 2024]);
    expect(setYears(defaultFilters(), [2000, 2020.4], bounds).years).toEqual([2018, 2020]);
    expect(setYears(defaultFilters(), [2018, 2025], bounds).years).toBeNull();
    expect(setYears(defaultFilters(), [2019, 2020], null).years).toBeNull();
  });

  it('plays through the years one at a time and stops at the end', () => {
    const bounds: [number, number] = [2018, 2020];
    let f = playStep(defaultFilters(), bounds)!;
    expect(f.years).toEqual([2018, 2018]);
    f = playStep(f, bounds)!;
    expect(f.years).toEqual([2018, 2019]);
    f = playStep(f, bounds)!;
    expect(f.years).toBeNull(); // reached the full range
    expect(playStep({ ...f, years: [2018, 2020] }, bounds)).toBeNull();
    expect(playStep(defaultFilters(), null)).toBeNull();
  });

  it('keeps minimum amounts positive and regions as ids', () => {
    expect(setMinAmount(defaultFilters(), 1e8).minAmount).toBe(1e8);
    expect(setMinAmount(defaultFilters(), -5).minAmount).toBe(0);
    expect(setMinAmount(defaultFilters(), NaN).minAmount).toBe(0);
    expect(setRegion(defaultFilters(), 'cq').region).toBe('cq');
    expect(setRegion(defaultFilters(), '').region).toBeNull();
  });
});

describe('what is visible', () => {
  it('reads times and years', () => {
    expect(timeSpan({ year: 2020 })).toEqual([2020, 2020]);
    expect(timeSpan({ periodStart: 2021, periodEnd: 2025 })).toEqual([2021, 2025]);
    expect(timeSpan({})).toBeNull();
    // a merged edge: the span of its relationships
    expect(timeSpan({ merged: true, yearStart: 2016, yearEnd: 2019 })).toEqual([2016, 2019]);
    expect(inYears({ merged: true, yearStart: 2016, yearEnd: 2019 }, [2018, 2020])).toBe(true);
    expect(inYears({ merged: true, yearStart: 2016, yearEnd: 2017 }, [2018, 2020])).toBe(false);
    expect(inYears({ periodStart: 2021, periodEnd: 2025 }, [2024, 2030])).toBe(true);
    expect(inYears({ year: 2019 }, [2020, 2030])).toBe(false);
    expect(inYears({}, [2020, 2030])).toBe(true);
    expect(yearBounds(ds)).toEqual([2018, 2025]);
    expect(yearBounds(emptyDataset())).toBeNull();
  });

  it('counts per kind and type, hides edges with a hidden end', () => {
    const v = computeVisibility(ds, defaultFilters(), withinIndex(ds));
    expect(v.counts.nodes).toEqual({ visible: 6, total: 7 });
    expect(v.counts.kinds.Indicator).toEqual({ visible: 0, total: 1 });
    expect(v.edges.has('lab-ind')).toBe(false);
    expect(v.counts.types.HAS_INDICATOR).toEqual({ visible: 0, total: 1 });
    expect(v.counts.edges).toEqual({ visible: 7, total: 8 });
  });

  it('filters out a kind, a type, years, small amounts and other regions', () => {
    const idx = withinIndex(ds);
    const noLab = computeVisibility(ds, toggleKind(defaultFilters(), 'Lab'), idx);
    expect(noLab.nodes.has('lab')).toBe(false);
    expect(noLab.edges.has('gov-funds-lab')).toBe(false);
    const noFunds = computeVisibility(ds, toggleType(defaultFilters(), 'FUNDS'), idx);
    expect([...noFunds.edges].filter((e) => e.includes('funds'))).toEqual([]);
    const y2019 = computeVisibility(ds, setYears(defaultFilters(), [2019, 2020], [2018, 2025]), idx);
    expect(y2019.edges.has('fund-invests-lab')).toBe(true);
    expect(y2019.edges.has('gov-funds-lab')).toBe(false);
    expect(y2019.edges.has('lab-in-zone')).toBe(true); // timeless
    const big = setMinAmount(defaultFilters(), 1e8);
    expect(edgePasses(ds.edges.get('gov-funds-lab')!, big)).toBe(true);
    expect(edgePasses(ds.edges.get('fund-invests-lab')!, big)).toBe(false);
    expect(edgePasses(ds.edges.get('fund-funds-gov')!, big)).toBe(false); // no amount
    expect(edgePasses(ds.edges.get('lab-in-zone')!, big)).toBe(true); // not money
    const cq = computeVisibility(ds, setRegion(defaultFilters(), 'cq'), idx);
    // the fund in Shandong stays: its money crosses into Chongqing; its own location does not
    expect([...cq.nodes].sort()).toEqual(['cq', 'fund', 'gov', 'lab', 'zone']);
    expect([...cq.crossing]).toEqual(['fund']);
    expect(cq.edges.has('fund-invests-lab')).toBe(true);
    expect(cq.edges.has('fund-funds-gov')).toBe(true);
    expect(cq.edges.has('fund-in-sd')).toBe(false);
    expect(cq.counts.kinds.Fund).toEqual({ visible: 1, total: 1 });
    // a crossing end must still pass the other filters
    const cqBig = computeVisibility(ds, setMinAmount(setRegion(defaultFilters(), 'cq'), 1e8), idx);
    expect(cqBig.nodes.has('fund')).toBe(false);
    const cqNoFunds = computeVisibility(ds, toggleKind(setRegion(defaultFilters(), 'cq'), 'Fund'), idx);
    expect(cqNoFunds.nodes.has('fund')).toBe(false);
  });

  it('filters amounts in one currency, never comparing across currencies', () => {
    const two = mergeGraph(
      emptyDataset(),
      sg(
        [
          ['nsf', 'GovernmentBody'],
          ['cn', 'GovernmentBody'],
          ['u', 'University'],
        ],
        [
          ['usd', 'nsf', 'u', 'FUNDS', { amount: 2e6, currency: 'USD' }],
          ['cny', 'cn', 'u', 'FUNDS', { amount: 5e9, currency: 'CNY' }],
          ['small', 'nsf', 'u', 'FUNDS', { amount: 5e5, currency: 'USD' }],
        ],
      ),
      BASE,
    ).dataset;
    const idx = withinIndex(two);
    const usd = withCurrency(setMinAmount(defaultFilters(), 1e6), 'USD');
    expect(usd.currency).toBe('USD');
    expect([...computeVisibility(two, usd, idx).edges]).toEqual(['usd']);
    const cny = setCurrency(setMinAmount(defaultFilters(), 1e6), 'CNY');
    expect(withCurrency(cny, 'USD').currency).toBe('CNY'); // a chosen currency wins over the main one
    expect([...computeVisibility(two, withCurrency(cny, 'USD'), idx).edges]).toEqual(['cny']);
    // without a minimum, every currency shows
    expect(computeVisibility(two, withCurrency(defaultFilters(), 'USD'), idx).edges.size).toBe(3);
    expect(setCurrency(defaultFilters(), 'usd').currency).toBeNull();
    expect(isDefault(setCurrency(defaultFilters(), 'USD'))).toBe(false);
  });

  it('keeps, for a region, what the server’s overview keeps, on the seed graph', () => {
    const seed = readSeed();
    const graph = {
      options: { type: 'directed' as const, multi: true as const, allowSelfLoops: true },
      attributes: { truncated: false },
      nodes: seed.nodes.map((n) => ({ key: n.id, attributes: { name: n.name, kind: n.kind } })),
      edges: seed.relationships.map((r) => ({
        key: r.id,
        source: r.source,
        target: r.target,
        attributes: { type: r.type },
      })),
    };
    const seedDs = mergeGraph(emptyDataset(), graph, BASE).dataset;
    const ours = withinIndex(seedDs);
    const next = (id: string) =>
      seed.relationships
        .filter((r) => r.source === id && (r.type === 'LOCATED_IN' || r.type === 'PART_OF'))
        .map((r) => ({ id: r.target }));
    const regions = seed.nodes.filter((n) => n.kind === 'Region').map((n) => n.id);
    expect(regions.length).toBeGreaterThan(2);
    let inside = 0;
    for (const region of regions)
      for (const n of seed.nodes) {
        expect(ours(n.id, region), `${n.id} in ${region}`).toBe(isWithin(n.id, region, next));
        if (n.id !== region && ours(n.id, region)) inside++;
      }
    expect(inside).toBeGreaterThan(10);
  });
});
