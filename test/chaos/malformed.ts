/**
 * A data set for the strict-import tests: a few organisations and a grants file of 13,000 records
 * where every 89th record has a quoted note ("Smith J") and every 97th one a quoted comma ("Lee, K"),
 * written clean or with one stray quote at the start of a field on a given line (the shape that used to
 * merge lines 21–90 into one field of a record that passed, silently).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GRANT_ROWS = 13_000;

/** The grants file's text; `strayLine` (a physical line, the header is line 1) gets a stray quote. */
export function grantsCsv(rows = GRANT_ROWS, strayLine?: number): string {
  const lines = ['grant_id,funder,recipient,amount,note'];
  for (let i = 1; i <= rows; i++) {
    const line = i + 1;
    const note =
      line === strayLine ? '"stray quote' : i % 89 === 0 ? '"Smith J"' : i % 97 === 0 ? '"Lee, K"' : `note ${i}`;
    lines.push(`G${i},GOV,${i % 2 ? 'UNI' : 'LAB'},${1000 + i},${note}`);
  }
  return lines.join('\n') + '\n';
}

export const MAPPING = `version: 1
name: malformed-test
source: { id: malformed-test, name: Malformed test, title: Strict import test data, quote: 'malformed test' }
files:
  - file: orgs.csv
    nodes: [{ kind: '{kind}', id: '{org_id}', name: '{name}' }]
  - file: grants.csv
    relationships:
      - type: FUNDS
        id: 'grant-{grant_id}'
        from: '{funder}'
        to: '{recipient}'
        description: '{note}'
        properties: { amount: { column: amount, pipe: [number] }, currency: USD }
`;

/** Writes the mapping and its data into a new folder; returns the mapping's path. */
export function writeDataSet(grants: string, mapping = MAPPING): string {
  const dir = mkdtempSync(join(tmpdir(), 'innograph-strict-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'orgs.csv'),
    'org_id,name,kind\nGOV,Science Ministry,GovernmentBody\nUNI,A University,University\nLAB,A Lab,Lab\n',
  );
  writeFileSync(join(dir, 'grants.csv'), grants);
  writeFileSync(join(dir, 'mapping.yaml'), mapping);
  return join(dir, 'mapping.yaml');
}
