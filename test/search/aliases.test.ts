/**
 * Alias columns of a mapping (docs/import.md): other names given by the source (legal, former,
 * acronyms) are kept as aliases, cleaned (split on ";", spaces collapsed, repeats and the name itself
 * dropped), and search finds the entity by them as by its name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SearchQuery } from '../../server/api/schemas';
import { cleanAliases } from '../../server/import/build';
import { runImport } from '../../server/import/importer';
import { createEmbeddedStore } from '../../server/store/embedded';

const MAPPING = `version: 1
name: alias-test
source: { id: alias-test-data, name: Alias test data, title: Alias test data, quote: 'orgs.csv: alias test' }
files:
  - file: orgs.csv
    nodes:
      - kind: University
        id: '{id}'
        name: '{name}'
        aliases: { list: ['{short}'] }
        aliasColumns: [legal_name, former_names, acronym]
`;
const CSV = `id,name,short,legal_name,former_names,acronym
u1,University of Zorvan,Zorvan U,Regents of the University of Zorvan,Zorvan College; Zorvan  Normal School ;zorvan college,UZV
u2,Quelt Institute,,,,
`;

describe('alias columns', () => {
  it('are kept as aliases, cleaned, and found by search', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'innograph-aliases-'));
    writeFileSync(join(dir, 'map.yaml'), MAPPING);
    writeFileSync(join(dir, 'orgs.csv'), CSV);
    const store = createEmbeddedStore();
    const summary = await runImport(join(dir, 'map.yaml'), store, { dataDir: dir });
    expect(summary.rejects.count).toBe(0);
    expect((await store.entity('u1')).aliases).toEqual([
      'Zorvan U',
      'Regents of the University of Zorvan',
      'Zorvan College',
      'Zorvan Normal School',
      'UZV',
    ]);
    expect((await store.entity('u2')).aliases).toEqual([]);
    for (const q of ['Zorvan Normal School', 'zorvan college', 'UZV', 'Regents of the University of Zorvan']) {
      const r = await store.search(SearchQuery.parse({ q }));
      expect(r.items[0]?.id, q).toBe('u1');
    }
  });

  it('drop empties, repeats, the name and what the model cannot hold', () => {
    expect(cleanAliases(['  A  b ', 'a B', 'Name', '', 'x'.repeat(301), 'C'], 'name')).toEqual(['A b', 'C']);
    expect(
      cleanAliases(
        Array.from({ length: 60 }, (_, i) => `n${i}`),
        'x',
      ),
    ).toHaveLength(50);
  });
});
