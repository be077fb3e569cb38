import { describe, expect, it } from 'vitest';
import { focusState, planPick, startState } from './focus';
import { decodeUrlState, defaultUrlState, encodeUrlState } from './url';

describe('picking an entity', () => {
  const ctx = { view: 'groups' as const, inView: false, baseLoaded: false, large: true };

  it('selects what the view holds, in any view', () => {
    for (const view of ['groups', 'network', 'cofunding'] as const)
      expect(planPick({ ...ctx, view, inView: true })).toBe('select');
  });

  it('expands into the network view what it lacks', () => {
    expect(planPick({ ...ctx, view: 'network' })).toBe('expand');
    expect(planPick({ ...ctx, view: 'network', large: false, baseLoaded: true })).toBe('expand');
  });

  it('focuses on a large graph whose base is not loaded, else switches to the network', () => {
    expect(planPick(ctx)).toBe('focus');
    expect(planPick({ ...ctx, view: 'cofunding' })).toBe('focus');
    expect(planPick({ ...ctx, baseLoaded: true })).toBe('switch');
    expect(planPick({ ...ctx, large: false })).toBe('switch');
  });
});

describe('the focused view', () => {
  it('is the network without its base, the entity expanded and selected, and survives the URL', () => {
    const before = { ...defaultUrlState(), view: 'groups' as const, camera: { x: 1, y: 2, ratio: 3 }, pathFrom: 'a' };
    const f = focusState(before, 'inst-1');
    expect(f).toMatchObject({ view: 'network', base: false, selected: 'inst-1', expanded: ['inst-1'], camera: null });
    expect(f.pathFrom).toBeNull();
    expect(before.view).toBe('groups');
    const q = encodeUrlState(f);
    expect(q).toContain('view=network');
    expect(q).toContain('base=0');
    expect(decodeUrlState(q)).toEqual(f);
  });

  it('keeps the base when the URL does not say base=0', () => {
    expect(decodeUrlState('view=network').base).toBe(true);
    expect(decodeUrlState('base=1').base).toBe(true);
    expect(encodeUrlState(defaultUrlState())).not.toContain('base');
  });
});

describe('where a link opens', () => {
  const none = () => false;

  it('opens a large graph on the overview, unless the link names a view', () => {
    expect(startState(decodeUrlState(''), true, none)).toMatchObject({ view: 'groups', autoView: false });
    expect(startState(decodeUrlState('view=network'), true, none)).toMatchObject({ view: 'network', base: true });
    expect(startState(decodeUrlState('sel=x'), false, none)).toMatchObject({ view: 'network', base: true });
  });

  it('opens a selection the overview lacks on its focused view, with the link’s expansions and camera', () => {
    const s = startState(decodeUrlState('sel=x&exp=y&cam=0.5,0.5,1'), true, none);
    expect(s).toMatchObject({ view: 'network', base: false, selected: 'x', expanded: ['x', 'y'] });
    expect(s.camera).toEqual({ x: 0.5, y: 0.5, ratio: 1 });
    expect(startState(decodeUrlState('sel=x&exp=x'), true, none).expanded).toEqual(['x']);
  });

  it('keeps the overview when it holds the selection', () => {
    expect(startState(decodeUrlState('sel=inst-1'), true, (id) => id === 'inst-1')).toMatchObject({
      view: 'groups',
      selected: 'inst-1',
      base: true,
    });
  });
});
