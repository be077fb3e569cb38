/**
 * Brings nodes written by an older version up to what the store now derives when it writes a node:
 * `searchNames` (server/search/names.ts), which the full-text index `entity_search` reads. Runs when
 * the schema is applied; a database whose nodes all carry it costs one scan.
 */
import type { CypherRunner } from '../../neo4j/run';
import { searchNamesOf } from '../../search/names';

/** Nodes read and written per transaction. */
export const BACKFILL_BATCH = 5000;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Fills in `searchNames` where it is missing; returns how many nodes were updated. */
export async function backfillSearchNames(runner: CypherRunner, timeoutMs: number): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await runner.run('search-backfill-read', { limit: BACKFILL_BATCH }, { routing: 'WRITE', timeoutMs });
    if (rows.length === 0) return done;
    const updates = rows.map((r) => ({
      eid: String(r.eid),
      searchNames: searchNamesOf(String(r.name), strings(r.aliases)),
    }));
    await runner.run('search-backfill-write', { rows: updates }, { routing: 'WRITE', timeoutMs });
    done += updates.length;
  }
}
