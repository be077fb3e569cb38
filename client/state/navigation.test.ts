import { describe, expect, it } from 'vitest';
import { analysesLeft, analysesToRun, groupsToToggle, historyStep } from './navigation';
import { decodeUrlState, encodeUrlState } from './url';

describe('historyStep', () => {
  it('pushes a navigation step: selection, expansion, view, paths, money trail, group', () => {
    expect(historyStep('', 'sel=a')).toBe('push');
    expect(historyStep('?sel=a', '?sel=b')).toBe('push');
    expect(historyStep('sel=a', '')).toBe('push');
    expect(historyStep('sel=a', 'sel=a&exp=a')).toBe('push');
    expect(historyStep('exp=a,b', 'exp=a')).toBe('push');
    expect(historyStep('', 'view=cofunding')).toBe('push');
    expect(historyStep('', 'from=a&to=b')).toBe('push');
    expect(historyStep('', 'flow=a')).toBe('push');
    expect(historyStep('flow=a', 'flow=a&flowdir=up')).toBe('push');
    expect(historyStep('view=network&base=0&exp=a', 'view=network&exp=a')).toBe('push');
    expect(historyStep('view=groups', 'view=groups&open=community:3')).toBe('push');
    expect(historyStep('view=groups&open=community:3,kind:Lab', 'view=groups&open=community:3')).toBe('push');
  });

  it('replaces on minor changes: camera, filters, tab, sizes, limit', () => {
    expect(historyStep('sel=a', 'sel=a&cam=0.5,0.5,1')).toBe('replace');
    expect(historyStep('sel=a&cam=0.5,0.5,1', 'sel=a&cam=0.4,0.5,1')).toBe('replace');
    expect(historyStep('', 'hide=Lab')).toBe('replace');
    expect(historyStep('', 'tab=paths')).toBe('replace');
    expect(historyStep('', 'size=degree&color=community')).toBe('replace');
    expect(historyStep('', 'limit=500')).toBe('replace');
  });

  it('does nothing when the query is the same, in any order of parameters', () => {
    expect(historyStep('', '')).toBe('none');
    expect(historyStep('?sel=a&tab=paths', 'sel=a&tab=paths')).toBe('none');
  });

  it('on states written by encodeUrlState: selecting pushes, moving the camera replaces', () => {
    const s = decodeUrlState('');
    const before = encodeUrlState(s);
    const selected = encodeUrlState({ ...s, selected: 'jinfeng-laboratory' });
    const moved = encodeUrlState({ ...s, selected: 'jinfeng-laboratory', camera: { x: 0.1, y: 0.2, ratio: 0.5 } });
    expect(historyStep(before, selected)).toBe('push');
    expect(historyStep(selected, moved)).toBe('replace');
  });
});

describe('groupsToToggle', () => {
  it('closes the groups the target lacks and opens the ones it adds', () => {
    expect(groupsToToggle([], [])).toEqual([]);
    expect(groupsToToggle(['community:0'], [])).toEqual(['community:0']);
    expect(groupsToToggle([], ['community:0'])).toEqual(['community:0']);
    expect(groupsToToggle(['community:0', 'community:2'], ['community:2', 'community:5'])).toEqual([
      'community:0',
      'community:5',
    ]);
  });

  it('on states written by encodeUrlState: opening a group pushes, Back to it closes that group', () => {
    const s = { ...decodeUrlState('view=groups'), openGroups: [] };
    const opened = encodeUrlState({ ...s, openGroups: ['community:0'] });
    expect(historyStep(encodeUrlState(s), opened)).toBe('push');
    expect(groupsToToggle(decodeUrlState(opened).openGroups, decodeUrlState(encodeUrlState(s)).openGroups)).toEqual([
      'community:0',
    ]);
  });
});

describe('analysesLeft', () => {
  const shown = { paths: true, flows: true };
  it('takes the paths and the money trail off when the entry has none', () => {
    expect(analysesLeft(decodeUrlState('sel=a'), shown)).toEqual({ paths: true, flows: true });
    expect(analysesLeft(decodeUrlState('from=a'), shown)).toEqual({ paths: true, flows: true });
  });

  it('keeps what the entry names, and has nothing to take off when nothing is shown', () => {
    expect(analysesLeft(decodeUrlState('from=a&to=b&flow=c'), shown)).toEqual({ paths: false, flows: false });
    expect(analysesLeft(decodeUrlState('sel=a'), { paths: false, flows: false })).toEqual({
      paths: false,
      flows: false,
    });
  });
});

describe('analysesToRun', () => {
  const none = { paths: null, flows: null };
  it('runs the paths and the money trail an entry names when none are shown', () => {
    expect(analysesToRun(decodeUrlState('from=a&to=b&flow=c'), none)).toEqual({ paths: true, flows: true });
    expect(analysesToRun(decodeUrlState('from=a'), none)).toEqual({ paths: false, flows: false });
  });

  it('runs again what differs from what is shown, not what is the same', () => {
    const shown = { paths: { from: 'a', to: 'b' }, flows: { root: 'c', direction: 'down' as const } };
    const same = decodeUrlState('from=a&to=b&flow=c');
    expect(analysesToRun(same, shown)).toEqual({ paths: false, flows: false });
    expect(analysesToRun({ ...same, pathTo: 'x', flowDirection: 'up' }, shown)).toEqual({ paths: true, flows: true });
  });
});
