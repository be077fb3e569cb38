/**
 * Contract checks of search (SEMANTICS.md "search"): names however they are typed, acronyms, Chinese,
 * ranking and filters, against the seed. Registered inside runContractSuite.
 */
import { expect, it } from 'vitest';
import { SearchQuery, SearchResult as SearchResultSchema } from '../../server/api/schemas';
import type { Node } from '../../server/model/model';
import type { GraphStore } from '../../server/store/store';
import { normalise, type Reference } from './reference';

/** Registers the checks; `store()` gives the seeded store of the enclosing suite, `focus` an entity. */
export function searchContracts(store: () => GraphStore, ref: Reference, focus: Node): void {
  const seed = ref.seed;
  const search = async (q: string, extra: Record<string, unknown> = {}) =>
    SearchResultSchema.parse(await store().search(SearchQuery.parse({ q, ...extra }))).items;
  const ids = async (q: string, extra: Record<string, unknown> = {}) => (await search(q, extra)).map((i) => i.id);

  it('finds Jinfeng Laboratory however it is typed', async () => {
    expect(ref.byId.has('jinfeng-laboratory'), 'the seed has Jinfeng Laboratory').toBe(true);
    for (const q of ['Jinfeng', 'JINFENG', 'Jïnfeng', 'jinfeng lab', 'Jinfeng Laboratory'])
      expect((await ids(q))[0], q).toBe('jinfeng-laboratory');
    for (const q of ['laboratory jinfeng', 'jinfneg', 'Jinf', 'jinfeng laboratroy'])
      expect(await ids(q), q).toContain('jinfeng-laboratory');
  });

  it('finds Chinese names by substring', async () => {
    expect(ref.byId.get('jinfeng-laboratory')?.aliases.some((a) => a.includes('金凤'))).toBe(true);
    const items = await search('金凤');
    expect(items.map((i) => i.id)).toContain('jinfeng-laboratory');
    for (const i of items) expect([i.name, ...i.aliases].some((t) => t.includes('金凤'))).toBe(true);
  });

  it('finds every seed node by its exact name, an exact match first', async () => {
    for (const n of seed.nodes) {
      const items = await search(n.name.slice(0, 200), { limit: 100 });
      expect(
        items.map((i) => i.id),
        n.name,
      ).toContain(n.id);
      const top = items[0]!;
      expect([top.name, ...top.aliases].map(normalise)).toContain(normalise(n.name.slice(0, 200)));
    }
  });

  it('finds nodes by a Chinese alias and by a part of it', async () => {
    const withCjk = seed.nodes.filter((n) => n.aliases.some((a) => /\p{Script=Han}{2}/u.test(a)));
    for (const n of withCjk) {
      const alias = n.aliases.find((a) => /\p{Script=Han}{2}/u.test(a))!;
      expect(await ids(alias, { limit: 100 }), alias).toContain(n.id);
      const part = /\p{Script=Han}{2}/u.exec(alias)![0];
      expect(await ids(part, { limit: 100 }), part).toContain(n.id);
    }
  });

  it('filters by kinds, caps at limit and orders by score', async () => {
    const q = focus.name.split(/\s+/)[0]!;
    const lab = await search(q, { kinds: focus.kind });
    expect(lab.map((i) => i.id)).toContain(focus.id);
    for (const i of lab) expect(i.kind).toBe(focus.kind);
    const others = await search(q, { kinds: 'Source,Person' });
    for (const i of others) expect(['Source', 'Person']).toContain(i.kind);
    if (focus.kind !== 'Source' && focus.kind !== 'Person') expect(others.map((i) => i.id)).not.toContain(focus.id);
    const limited = await search(q, { limit: 2 });
    expect(limited.length).toBeLessThanOrEqual(2);
    const all = await search(q, { limit: 100 });
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score);
    const top = all[0]!;
    expect(top).toMatchObject({
      name: ref.node(top.id).name,
      kind: ref.node(top.id).kind,
      aliases: ref.node(top.id).aliases,
      description: ref.node(top.id).description,
    });
  });

  it('finds Chinese shortened forms and mixed queries by character pairs', async () => {
    const finance = seed.nodes.find((n) => n.aliases.includes('山东省财政厅'));
    expect(finance, 'the seed has 山东省财政厅').toBeDefined();
    expect((await ids('山东财政'))[0]).toBe(finance!.id);
    expect((await ids('山东省财政厅'))[0]).toBe(finance!.id);
    expect((await ids('重庆实验室'))[0]).toBe('chongqing-four-laboratories-plan');
    const mixed = await ids('Chongqing 实验室');
    expect(mixed).toContain('chongqing-four-laboratories-plan');
    expect(mixed).toContain('jinfeng-laboratory');
    expect(await ids('山政')).not.toContain(finance!.id);
  });

  it('reads names as people type them: abbreviations, stop words, order, punctuation', async () => {
    expect((await ids('Jinfeng Lab'))[0]).toBe('jinfeng-laboratory');
    expect((await ids('the laboratory of jinfeng'))[0]).toBe('jinfeng-laboratory');
    expect((await ids('Jinfeng-Laboratory'))[0]).toBe('jinfeng-laboratory');
    expect((await ids('jinfeng labs'))[0]).toBe('jinfeng-laboratory');
    expect(await ids('of the')).toEqual([]);
  });

  it('suggests the nearest names when nothing matches, and only then', async () => {
    const none = await store().search(SearchQuery.parse({ q: 'jinfeng zzqqxx' }));
    expect(none.items).toEqual([]);
    expect(none.suggestions.map((s) => s.id)).toContain('jinfeng-laboratory');
    expect(none.suggestions.length).toBeLessThanOrEqual(5);
    const some = await store().search(SearchQuery.parse({ q: 'jinfeng' }));
    expect(some.suggestions).toEqual([]);
  });

  it('finds nothing for a word in no name', async () => {
    expect(await search('qqxxzzvv')).toEqual([]);
  });
}
