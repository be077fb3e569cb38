import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultFilters, setRegion, setYears, toggleKind, toggleType } from './filters';
import { GROUP_SIZES, GROUPINGS } from './groups';
import { COLOR_BY, PANEL_TABS, SIZE_BY, decodeUrlState, defaultUrlState, encodeUrlState, type UrlState } from './url';
import { NODE_KINDS, REL_TYPES } from './vocab';

describe('URL state', () => {
  it('writes nothing for the defaults and reads nothing back as the defaults', () => {
    expect(encodeUrlState(defaultUrlState())).toBe('');
    expect(decodeUrlState('')).toEqual(defaultUrlState());
  });

  it('keeps selection, filters, expansions, path, trail, panel and camera', () => {
    let filters = toggleType(toggleKind(defaultFilters(), 'Indicator'), 'PART_OF');
    filters = setRegion(setYears(filters, [2019, 2023], [2018, 2025]), 'chongqing');
    const s: UrlState = {
      ...defaultUrlState(),
      view: 'cofunding',
      selected: 'jinfeng-laboratory',
      filters: { ...filters, minAmount: 1e8, currency: 'USD' },
      sizeBy: 'pagerank',
      colorBy: 'community',
      expanded: ['jinfeng-laboratory', 'chongqing'],
      pathFrom: 'a',
      pathTo: 'b-c',
      flowFrom: 'chongqing-municipal-government',
      flowDirection: 'up',
      tab: 'flows',
      camera: { x: 0.51234567, y: 0.5, ratio: 0.25 },
      minShared: 2,
      limit: 500,
      datasets: ['nsf-awards-2017', 'seed'],
    };
    const q = encodeUrlState(s);
    expect(q).toContain('ds=nsf-awards-2017,seed');
    expect(q).toContain('sel=jinfeng-laboratory');
    expect(q).toContain('hide=Source');
    expect(q).toContain('exp=jinfeng-laboratory,chongqing');
    expect(q).toContain('years=2019-2023');
    expect(q).toContain('cur=USD');
    expect(q).toContain('cam=0.5123,0.5,0.25');
    const back = decodeUrlState(`?${q}`);
    expect(back).toEqual({ ...s, camera: { x: 0.5123, y: 0.5, ratio: 0.25 } });
  });

  it('keeps a selected group of the overview (a Back to it selects it again)', () => {
    const s = { ...defaultUrlState(), view: 'groups' as const, selected: 'community:0', openGroups: ['community:0'] };
    const q = encodeUrlState(s);
    expect(q).toContain('sel=community:0');
    expect(decodeUrlState(q).selected).toBe('community:0');
    expect(decodeUrlState('view=groups&sel=kind:University').selected).toBe('kind:University');
    expect(decodeUrlState('sel=community:').selected).toBeNull();
    expect(decodeUrlState('sel=martians:0').selected).toBeNull();
  });

  it('an empty "hide" shows every kind', () => {
    const s = { ...defaultUrlState(), filters: { ...defaultFilters(), hiddenKinds: [] } };
    expect(encodeUrlState(s)).toBe('hide=');
    expect(decodeUrlState('hide=').filters.hiddenKinds).toEqual([]);
  });

  it('ignores what is not valid', () => {
    const s = decodeUrlState(
      'view=3d&sel=Not%20A%20Slug&hide=Lab,Martians&htypes=FUNDS,LOVES&years=20-1&min=-4&size=huge&color=x&exp=a,,b,a,%3Cscript%3E&tab=admin&cam=1,2&shared=0&limit=99999&ds=Bad%20Name,seed,seed',
    );
    expect(s).toEqual({
      ...defaultUrlState(),
      filters: { ...defaultFilters(), hiddenKinds: ['Lab'], hiddenTypes: ['FUNDS'] },
      expanded: ['a', 'b'],
      datasets: ['seed'],
    });
  });

  it('round-trips any state it can write (property)', () => {
    const slug = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/);
    const state = fc
      .record({
        view: fc.constantFrom('network' as const, 'cofunding' as const, 'groups' as const),
        selected: fc.option(slug, { nil: null }),
        filters: fc.record({
          hiddenKinds: fc.subarray([...NODE_KINDS]),
          hiddenTypes: fc.subarray([...REL_TYPES, 'CO_FUNDS' as const]),
          years: fc.option(
            fc
              .tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 0, max: 10 }))
              .map(([a, d]) => [a, a + d] as const),
            { nil: null },
          ),
          minAmount: fc.constantFrom(0, 1, 1e6, 2.5e9),
          currency: fc.constantFrom(null, 'CNY', 'USD', 'EUR'),
          region: fc.option(slug, { nil: null }),
        }),
        sizeBy: fc.constantFrom(...SIZE_BY),
        colorBy: fc.constantFrom(...COLOR_BY),
        expanded: fc.uniqueArray(slug, { maxLength: 5 }),
        pathFrom: fc.option(slug, { nil: null }),
        pathTo: fc.option(slug, { nil: null }),
        flowFrom: fc.option(slug, { nil: null }),
        flowDirection: fc.constantFrom('down', 'up'),
        tab: fc.constantFrom(...PANEL_TABS),
        camera: fc.option(
          fc.record({
            x: fc.integer({ min: -1000, max: 1000 }).map((n) => n / 100),
            y: fc.integer({ min: -1000, max: 1000 }).map((n) => n / 100),
            ratio: fc.integer({ min: 1, max: 1000 }).map((n) => n / 100),
          }),
          { nil: null },
        ),
        minShared: fc.integer({ min: 1, max: 20 }),
        limit: fc.integer({ min: 1, max: 10_000 }),
        autoView: fc.boolean(),
        groupBy: fc.constantFrom(...GROUPINGS),
        groupSize: fc.constantFrom(...GROUP_SIZES),
        openGroups: fc.uniqueArray(
          fc.tuple(fc.constantFrom(...GROUPINGS), slug).map(([by, key]) => `${by}:${key}`),
          { maxLength: 4 },
        ),
        groupShow: fc.boolean(),
        datasets: fc
          .uniqueArray(fc.constantFrom('seed', 'nsf-awards-2017', 'synthetic-ecosystem'), { maxLength: 3 })
          .map((a) => a.sort()),
        base: fc.boolean(),
      })
      // only a link without a view leaves the choice to the client, and then it is the network's
      .map((s) => ({ ...s, autoView: s.autoView || s.view !== 'network' }));
    fc.assert(
      fc.property(state, (s) => {
        expect(decodeUrlState(encodeUrlState(s as UrlState))).toEqual(s);
      }),
    );
  });
});
