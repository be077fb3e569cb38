import { describe, expect, it } from 'vitest';
import { shownDatasets, toggleDataset } from './datasets';

const all = ['nsf-awards-2017', 'seed', 'synthetic-ecosystem'];

describe('data-set choice', () => {
  it('shows every data set when none is chosen, else the chosen known ones', () => {
    expect([...shownDatasets(all, [])]).toEqual(all);
    expect([...shownDatasets(all, ['seed'])]).toEqual(['seed']);
    expect([...shownDatasets(all, ['gone'])]).toEqual(all);
  });

  it('untick and tick: the choice stays canonical', () => {
    const one = toggleDataset(all, [], 'seed', false);
    expect(one).toEqual(['nsf-awards-2017', 'synthetic-ecosystem']);
    expect(toggleDataset(all, one, 'synthetic-ecosystem', false)).toEqual(['nsf-awards-2017']);
    // ticking the last one back means all
    expect(toggleDataset(all, one, 'seed', true)).toEqual([]);
    // unticking the only one shown means all again, never an empty view
    expect(toggleDataset(all, ['seed'], 'seed', false)).toEqual([]);
  });
});
