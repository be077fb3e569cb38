/**
 * The seed audit rules of issue 11 (seed/README.md "Audit rules"), checked on the whole seed: no node
 * is isolated but Deals, every quoted person is linked to where they are quoted, a part of a year is a
 * period and not the year, figures keep their text as stated, and every deal has its participants.
 */
import { describe, expect, it } from 'vitest';
import { readSeed } from '../../server/data/seed';

const seed = readSeed();
const touching = new Map<string, number>();
for (const r of seed.relationships) {
  touching.set(r.source, (touching.get(r.source) ?? 0) + 1);
  touching.set(r.target, (touching.get(r.target) ?? 0) + 1);
}

describe('seed audit', () => {
  it('leaves no node isolated but the Deals (referenced by their participants)', () => {
    const isolated = seed.nodes.filter((n) => n.kind !== 'Deal' && !touching.get(n.id)).map((n) => n.id);
    expect(isolated).toEqual([]);
  });

  it('links every person to a source that quotes or publishes them', () => {
    const sources = new Set(seed.nodes.filter((n) => n.kind === 'Source').map((n) => n.id));
    for (const p of seed.nodes.filter((n) => n.kind === 'Person'))
      expect(
        seed.relationships.some(
          (r) => r.source === p.id && (r.type === 'QUOTED_IN' || r.type === 'AUTHORED') && sources.has(r.target),
        ),
        p.id,
      ).toBe(true);
  });

  it('states a part of a year as a period, never as the whole year', () => {
    const months = /january|february|march|april|may|june|july|august|september|october|november|december|months/i;
    for (const n of seed.nodes) {
      const x = n as { periodLabel?: string; year?: number; asOf?: string };
      if (x.periodLabel && months.test(x.periodLabel) && !/as of/i.test(x.periodLabel))
        expect(x.year, `${n.id}: "${x.periodLabel}" is not a whole year`).toBeUndefined();
    }
    const national = seed.nodes.find((n) => n.id === 'china-fiscal-sci-tech-expenditure-2025-jan-apr') as {
      year?: number;
      periodStart?: number;
      periodEnd?: number;
    };
    expect(national).toMatchObject({ periodStart: 2025, periodEnd: 2025 });
    expect(national.year).toBeUndefined();
  });

  it('keeps every figure’s text as stated, qualifier included', () => {
    for (const n of seed.nodes) {
      if (n.kind !== 'Indicator') continue;
      const quoted = n.sources.some((s) =>
        s.quote.includes(n.valueText.replace(/^(about|more than|no less than) /, '')),
      );
      expect(quoted, `${n.id}: "${n.valueText}" appears in a quote`).toBe(true);
      if (/^about /.test(n.valueText)) expect(n.qualifier, n.id).toBe('about');
      if (/^more than /.test(n.valueText)) expect(n.qualifier, n.id).toBe('more_than');
    }
  });

  it('gives every deal its participants and the body whose data a figure is', () => {
    for (const d of seed.nodes.filter((n) => n.kind === 'Deal')) {
      const parts = seed.relationships.filter((r) => 'deal' in r && r.deal === d.id);
      expect(parts.length, d.id).toBeGreaterThanOrEqual(2);
    }
    expect(
      seed.relationships.some(
        (r) =>
          r.type === 'REPORTS' &&
          r.source === 'ministry-of-finance-of-china' &&
          r.target === 'china-fiscal-sci-tech-expenditure-2025-jan-apr',
      ),
    ).toBe(true);
  });
});
