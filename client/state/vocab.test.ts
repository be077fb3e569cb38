import { describe, expect, it } from 'vitest';
import * as model from '../../server/model/model';
import { COMMUNITY_COLORS, KIND_COLORS, KIND_LABELS, NODE_KINDS, REL_TYPES, TYPE_COLORS, typeLabel } from './vocab';

describe('vocabulary', () => {
  it('lists the model’s kinds and types in the model’s order', () => {
    expect([...NODE_KINDS]).toEqual([...model.NODE_KINDS]);
    expect([...REL_TYPES]).toEqual([...model.REL_TYPES]);
  });

  it('has a colour and a label for every kind and type, all distinct for kinds', () => {
    for (const k of NODE_KINDS) {
      expect(KIND_COLORS[k]).toMatch(/^#[0-9a-f]{6}$/);
      expect(KIND_LABELS[k]).toBeTruthy();
    }
    expect(new Set(Object.values(KIND_COLORS)).size).toBe(NODE_KINDS.length);
    for (const t of [...REL_TYPES, 'CO_FUNDS' as const]) expect(TYPE_COLORS[t]).toMatch(/^#[0-9a-f]{6}$/);
    expect(COMMUNITY_COLORS.length).toBeGreaterThanOrEqual(12);
  });

  it('reads types as words', () => {
    expect(typeLabel('INVESTS_IN')).toBe('invests in');
  });
});
