/**
 * Figures the NSF data set should give, computed from its CSV files with csv-parse alone (no importer
 * code), for the NSF import tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

type Row = Record<string, string>;
const read = (dir: string, file: string): Row[] =>
  parse<Row>(readFileSync(join(dir, file)), { columns: true, bom: true });

/** Counts and USD total of the data set in `dir` (the first row of a repeated award counts). */
export function expectedFigures(dir: string) {
  const awards = read(dir, 'awards.csv');
  const first = new Map<string, Row>();
  for (const a of awards) if (!first.has(a.award_id!)) first.set(a.award_id!, a);
  const unique = [...first.values()];
  const amounts = unique.map((a) => Number(a.amount_usd));
  const institutions = read(dir, 'institutions.csv');
  const links = read(dir, 'collaborative_award_links.csv');
  const codes = (file: string) => new Set(read(dir, file).map((r) => r.code!.toUpperCase())).size;
  const directorates = new Set(unique.filter((a) => a.directorate).map((a) => a.nsf_org_code!.slice(0, 2)));
  const divisions = new Set(
    unique
      .filter((a) => !(a.directorate && a.nsf_org_code!.slice(2, 4) === '00'))
      .map((a) => a.nsf_org_code!.slice(0, 4)),
  );
  return {
    awardRows: awards.length,
    awards: unique.length,
    usd: amounts.reduce((s, x) => s + x, 0),
    negative: amounts.filter((x) => x < 0).length,
    zero: amounts.filter((x) => x === 0).length,
    noDirectorate: unique.filter((a) => !a.directorate).length,
    truncatedDirectorates: new Set(unique.map((a) => a.directorate!).filter((d) => d.length === 40)).size,
    institutionIds: institutions.map((i) => i.institution_id!.toLowerCase()),
    collaborations: new Set(links.map((l) => `${l.award_id_a}-${l.award_id_b}`)).size,
    programs: codes('program_elements.csv') + codes('program_references.csv'),
    directorates: directorates.size,
    divisions: divisions.size,
    states: new Set(institutions.filter((i) => i.country === 'United States' && i.state_code).map((i) => i.state_code))
      .size,
    countries: new Set(institutions.map((i) => i.country)).size,
  };
}
