/**
 * The Cypher files (no Neo4j needed): every query has a header comment, only allowlisted placeholders
 * and `$params`; find-nodes reaches every kind; cypher/schema.cypher covers every label and type;
 * the Lucene query of a search escapes the user's words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KINDS, NODE_KINDS, ORG_KINDS, ORG_LABEL, REL_TYPES, labelsOf } from '../../server/model/model';
import { CYPHER_DIR, QUERIES_DIR, loadQuery } from '../../server/neo4j/run';
import { variants } from '../../server/search/names';
import { escapeLucene, luceneQuery } from '../../server/store/neo4j/lucene';
import { schemaStatements } from '../../server/store/neo4j/store';

const files = readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.cypher'));

describe('cypher/queries', () => {
  it.each(files)('%s has a header comment and no string-built values', (file) => {
    const name = file.replace(/\.cypher$/, '');
    const text = loadQuery(name);
    expect(text.startsWith(`// ${name}:`)).toBe(true);
    for (const m of text.matchAll(/\{\{([^}]*)\}\}/g))
      expect(['LABEL', 'LABELS', 'OLD_LABELS', 'NEW_LABELS', 'TYPE', 'TYPES', 'MAX_HOPS', 'HOPS']).toContain(m[1]);
  });

  it('find-nodes reaches every kind through one of its labels', () => {
    const text = loadQuery('find-nodes');
    const matched = new Set([...text.matchAll(/MATCH \(n:(\w+) \{id: id\}\)/g)].map((m) => m[1]!));
    expect(matched).toEqual(new Set([ORG_LABEL, ...CONTEXT_KINDS]));
    for (const kind of NODE_KINDS)
      expect(
        labelsOf(kind).some((l) => matched.has(l)),
        kind,
      ).toBe(true);
    for (const kind of ORG_KINDS) expect(labelsOf(kind)).toContain(ORG_LABEL);
  });

  it('find-rels seeks the id index of its type; rel-type-counts counts every type', () => {
    expect(loadQuery('find-rels')).toMatch(
      /MATCH \(a\)-\[r:\{\{TYPE\}\} \{id: id\}\]->\(b\) USING INDEX SEEK r:\{\{TYPE\}\}\(id\)/,
    );
    const counted = [...loadQuery('rel-type-counts').matchAll(/MATCH \(\)-\[r:(\w+)\]->\(\) RETURN '(\w+)' AS type/g)];
    expect(counted.every((m) => m[1] === m[2])).toBe(true);
    expect(counted.map((m) => m[1])).toEqual([...REL_TYPES]);
  });
});

describe('cypher/schema.cypher', () => {
  const statements = schemaStatements(readFileSync(join(CYPHER_DIR, 'schema.cypher'), 'utf8'));

  it('is idempotent and unique on id for every label', () => {
    for (const s of statements) expect(s).toMatch(/IF (NOT )?EXISTS/);
    for (const s of statements.filter((x) => x.startsWith('DROP'))) expect(s).toMatch(/^DROP INDEX \w+ IF EXISTS$/);
    for (const l of [...NODE_KINDS, ORG_LABEL])
      expect(
        statements.some((s) => s.includes(`FOR (n:${l}) REQUIRE n.id IS UNIQUE`)),
        l,
      ).toBe(true);
  });

  it('indexes relationship ids per type, money amount and year, and names in two analyzers', () => {
    for (const t of REL_TYPES)
      expect(
        statements.some((s) => s.includes(`FOR ()-[r:${t}]-() ON (r.id)`)),
        t,
      ).toBe(true);
    for (const t of ['FUNDS', 'INVESTS_IN'])
      for (const p of ['amount', 'year'])
        expect(statements.some((s) => s.includes(`FOR ()-[r:${t}]-() ON (r.${p})`))).toBe(true);
    const fulltext = statements.filter((s) => s.startsWith('CREATE FULLTEXT INDEX'));
    expect(fulltext).toHaveLength(2);
    for (const s of fulltext) for (const k of NODE_KINDS) expect(s).toContain(k);
    const search = fulltext.find((s) => s.includes('entity_search'))!;
    expect(search).toMatch(/standard-no-stop-words/);
    expect(search).toMatch(/ON EACH \[n\.searchNames, n\.acronyms\]/);
    expect(fulltext.find((s) => s.includes("'cjk'"))).toContain('n.name');
    // the indexes it replaces are dropped
    for (const old of ['entity_names', 'entity_names_folded'])
      expect(statements).toContain(`DROP INDEX ${old} IF EXISTS`);
  });
});

describe('search query for Lucene', () => {
  it('escapes every special character', () => {
    expect(escapeLucene('a+b-c&&d||e!f(g)h{i}j[k]l^m"n~o*p?q:r\\s/t u')).toBe(
      'a\\+b\\-c\\&\\&d\\|\\|e\\!f\\(g\\)h\\{i\\}j\\[k\\]l\\^m\\"n\\~o\\*p\\?q\\:r\\\\s\\/t\\ u',
    );
  });

  it('requires one core word in every form ranking accepts, the others only score', () => {
    const forms = (w: string) => variants(w).join(' OR ');
    const word = (w: string, typos = 0) =>
      `+(${[forms(w), `${w}*`, ...(typos > 0 ? [`${w}~${typos}`] : [])].join(' OR ')})`;
    const other = (...ws: [string, number?][]) =>
      ws
        .map(([w, typos = 0]) => `(${[forms(w), `${w}*`, ...(typos > 0 ? [`${w}~${typos}`] : [])].join(' OR ')})`)
        .join(' ');
    const std = (text: string) => luceneQuery(text)?.standard;
    expect(std('Jinfeng lab')).toBe(`${word('jinfeng', 1)} ${other(['lab'])}`);
    expect(std('lab Jinfeng')).toBe(`${word('jinfeng', 1)} ${other(['lab'])}`);
    expect(std('laboratory')).toBe(word('laboratory', 2));
    expect(std('univ of michigan')).toBe(`${word('univ', 1)} ${other(['michigan', 2])}`);
    expect(std('univ of michigan')).toContain('university');
    expect(std('chongqing jinfeng laboratory')).toBe(
      `${word('jinfeng', 1)} ${other(['chongqing', 2], ['laboratory', 2])}`,
    );
    expect(std('金凤 实验室')).toBe('+"实验室" "金凤"');
    expect(luceneQuery('山东财政')?.cjk).toBe('+("山东" OR "东财" OR "财政")');
    // the CJK index is asked only when the query has CJK
    expect(luceneQuery('Jinfeng lab')?.cjk).toBeNull();
    expect(luceneQuery('Chongqing 实验室')?.cjk).toBe('+("实验" OR "验室") (chongqing OR chongqing* OR chongqing~2)');
    expect(std('Jinfeng Laboratory 金凤')).toBe(`+"金凤" ${other(['jinfeng', 1], ['laboratory', 2])}`);
    expect(std('ab ghijklmnop')).toBe(`${word('ghijklmnop', 2)} ${other(['ab'])}`);
    expect(std('Jïnfeng')).toBe(word('jinfeng', 1));
    expect(std("xi'an")).toBe(`${word('xi')} ${other(['an'])}`);
    expect(std('AND OR NOT')).toBe(`${word('not')} ${other(['or'])}`);
    expect(std('the of and')).toBeUndefined();
    expect(std('a:b (c) "d" *e')).toBe(`${word('a')} ${other(['b'], ['c'], ['d'], ['e'])}`);
    expect(luceneQuery('  !!! ')).toBeNull();
    const many = luceneQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))!.standard;
    expect(many.match(/ \(w\d+ OR w\d+\*\)/g)).toHaveLength(11);
  });
});
