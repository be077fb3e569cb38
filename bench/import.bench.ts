/**
 * Import into Neo4j at 10k and 100k relationships (and 1M with BENCH_SCALE=full; 10k only with
 * BENCH_SCALE=small) of the synthetic ecosystem, against a baseline measured in the same run on the
 * same database: a bare `UNWIND … CREATE` of the same CSV rows through the driver (no validation, no
 * provenance, no upsert; ends matched on the label that holds their id constraint). Per size, each on
 * an empty database with the store's schema: the baseline; the import through the Neo4j store (`npm run
 * import`, the product path); and the same import again (nothing to change).
 * Targets: at least 50k relationships/s and at least 0.7 of the baseline. A size whose projected import
 * time passes BENCH_MAX_MINUTES (default 20) is skipped for the slow path and said so. BENCH_SIZES
 * (e.g. `1000000`) picks sizes. "Node CPU s" is this process's CPU time during the import: the
 * importer's own share. Then bulk mode (`--bulk`, bench/lib/bulk.ts) end to end from the mapping
 * against raw neo4j-admin on the same CSV files (targets: ≥ 0.8 of raw, ≥ 100k relationships/s at 1M).
 * The graph of the last size is left in the database for the other benches. With NEO4J_BENCH_URI, set
 * NEO4J_BENCH_HOME to that server's home folder (bulk mode stops it and replaces its database).
 */
import { createReadStream } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import type { Driver } from 'neo4j-driver';
import { parseConfig } from '../server/config';
import {
  SYNTHETIC_MAPPING,
  benchScale,
  seconds,
  startBenchNeo4j,
  syntheticData,
  wipe,
} from '../server/generate/benchkit';
import { runImport } from '../server/import/importer';
import { isOrgKind, labelsOf, ORG_LABEL, type NodeKind } from '../server/model/model';
import { createNeo4jStore } from '../server/store/neo4j';
import { benchBulk, benchHome } from './lib/bulk';
import { writeResults } from './lib/report';

const BATCH = 5000;
const SIZES = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(',').map(Number)
  : { small: [10_000], default: [10_000, 100_000], full: [10_000, 100_000, 1_000_000] }[benchScale()];
const MAX_MINUTES = Number(process.env.BENCH_MAX_MINUTES ?? 20);

async function* rowsOf(path: string): AsyncGenerator<Record<string, string>[]> {
  let batch: Record<string, string>[] = [];
  for await (const r of createReadStream(path).pipe(parse({ columns: true })) as AsyncIterable<
    Record<string, string>
  >) {
    batch.push(r);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** CPU seconds (user + system) of this process since `from`. */
const cpuSeconds = (from: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

/** The baseline: every CSV row as a node or relationship with its columns as properties, by UNWIND … CREATE. */
async function baseline(driver: Driver, dir: string): Promise<{ nodes: number; rels: number }> {
  const kinds = new Map<string, NodeKind>();
  // ends are matched on the label with the id constraint that covers them: Organization for every organisation kind
  const lookupLabel = (k: NodeKind | undefined) => (k === undefined ? undefined : isOrgKind(k) ? ORG_LABEL : k);
  let nodes = 0;
  let rels = 0;
  const write = async (statements: [string, Record<string, unknown>[]][]) => {
    const session = driver.session();
    try {
      await session.executeWrite(async (tx) => {
        for (const [q, rows] of statements) if (rows.length) await tx.run(q, { rows });
      });
    } finally {
      await session.close();
    }
  };
  const createNodes = async (file: string, id: string, kindOf: (r: Record<string, string>) => NodeKind) => {
    for await (const batch of rowsOf(join(dir, file))) {
      const groups = new Map<NodeKind, Record<string, unknown>[]>();
      for (const r of batch) {
        const k = kindOf(r);
        kinds.set(r[id]!, k);
        const g = groups.get(k) ?? [];
        g.push({ ...r, id: r[id], kind: k });
        groups.set(k, g);
      }
      await write(
        [...groups].map(([k, rows]) => [`UNWIND $rows AS row CREATE (n:${labelsOf(k).join(':')}) SET n = row`, rows]),
      );
      nodes += batch.length;
    }
  };
  const createRels = async (
    file: string,
    fields: { id: string; from: string; to: string; type: (r: Record<string, string>) => string },
  ) => {
    for await (const batch of rowsOf(join(dir, file))) {
      const groups = new Map<string, Record<string, unknown>[]>();
      for (const r of batch) {
        const a = lookupLabel(kinds.get(r[fields.from]!));
        const b = lookupLabel(kinds.get(r[fields.to]!));
        if (!a || !b) continue;
        const key = `${fields.type(r)}|${a}|${b}`;
        const g = groups.get(key) ?? [];
        g.push({
          s: r[fields.from],
          t: r[fields.to],
          props: { ...r, id: r[fields.id], amount: num(r.amount), year: num(r.year) },
        });
        groups.set(key, g);
      }
      await write(
        [...groups].map(([key, rows]) => {
          const [type, a, b] = key.split('|');
          return [
            `UNWIND $rows AS row MATCH (a:${a} {id: row.s}) MATCH (b:${b} {id: row.t}) CREATE (a)-[r:${type}]->(b) SET r = row.props`,
            rows,
          ];
        }),
      );
      rels += [...groups.values()].reduce((s, g) => s + g.length, 0);
    }
  };
  await createNodes('regions.csv', 'region_id', () => 'Region');
  await createRels('regions.csv', { id: 'region_id', from: 'region_id', to: 'parent_id', type: () => 'PART_OF' });
  await createNodes('fields.csv', 'field_id', () => 'Field');
  await createNodes('orgs.csv', 'org_id', (r) => r.kind as NodeKind);
  await createRels('orgs.csv', { id: 'org_id', from: 'org_id', to: 'region_id', type: () => 'LOCATED_IN' });
  await createRels('orgs.csv', { id: 'org_id', from: 'org_id', to: 'field_id', type: () => 'FOCUSES_ON' });
  await createNodes('programs.csv', 'program_id', () => 'Program');
  await createRels('programs.csv', { id: 'program_id', from: 'owner_id', to: 'program_id', type: () => 'MANAGES' });
  await createRels('funding.csv', { id: 'flow_id', from: 'from_id', to: 'to_id', type: (r) => r.type! });
  await createRels('collaborations.csv', {
    id: 'collab_id',
    from: 'a_id',
    to: 'b_id',
    type: () => 'COLLABORATES_WITH',
  });
  await createRels('links.csv', { id: 'link_id', from: 'from_id', to: 'to_id', type: (r) => r.type! });
  return { nodes, rels };
}

async function main(): Promise<void> {
  benchHome(); // refuses NEO4J_BENCH_URI without NEO4J_BENCH_HOME before anything runs
  const neo = await startBenchNeo4j();
  // a new store (driver) per size: bulk mode's neo4j-admin replaces the database, so an old driver's
  // bookmarks point past its transactions
  let store = createNeo4jStore(parseConfig({ NEO4J_URI: neo.uri }));
  const rows: Record<string, unknown>[] = [];
  // relationships/s of the store path so far (BENCH_STORE_RATE seeds it when BENCH_SIZES starts large)
  let storeRate = Number(process.env.BENCH_STORE_RATE ?? Infinity);
  try {
    await wipe(neo.driver);
    await store.applySchema();
    for (const size of SIZES) {
      const data = syntheticData(size);
      console.log(`\n${size.toLocaleString('en-US')} relationships: ${data.dir}`);
      await store.close();
      store = createNeo4jStore(parseConfig({ NEO4J_URI: neo.uri }));

      await wipe(neo.driver);
      let t = performance.now();
      const base = await baseline(neo.driver, data.dir);
      const baseS = seconds(t);
      const baseRate = base.rels / baseS;
      console.log(`  baseline   ${baseS.toFixed(1)} s, ${Math.round(baseRate)} rels/s`);

      let storeS: number | null = null;
      let storeCpu: number | null = null;
      let storeRels = 0;
      let reimportS: number | null = null;
      const projected = data.relationships / storeRate / 60;
      if (projected <= MAX_MINUTES) {
        await wipe(neo.driver);
        t = performance.now();
        const cpu = process.cpuUsage();
        const s = await runImport(SYNTHETIC_MAPPING, store, { dataDir: data.dir, batchSize: BATCH });
        storeS = seconds(t);
        storeCpu = cpuSeconds(cpu);
        storeRels = s.relationships.created;
        storeRate = storeRels / storeS;
        console.log(
          `  import     ${storeS.toFixed(1)} s, ${Math.round(storeRate)} rels/s (${s.rejects.count} rejects)`,
        );
        t = performance.now();
        const again = await runImport(SYNTHETIC_MAPPING, store, { dataDir: data.dir, batchSize: BATCH });
        reimportS = seconds(t);
        console.log(
          `  re-import  ${reimportS.toFixed(1)} s, created ${again.relationships.created}, updated ${again.relationships.updated}`,
        );
      } else
        console.log(`  import     skipped: projected ${projected.toFixed(0)} min at ${Math.round(storeRate)} rels/s`);

      const b = await benchBulk(neo.uri, neo.driver, data.dir, size);
      const bulkRate = b.relationships / b.bulkS;
      console.log(
        `  bulk       ${b.bulkS.toFixed(1)} s, ${Math.round(bulkRate)} rels/s (mapping + CSV ${b.csvS.toFixed(1)} s, neo4j-admin ${b.adminS.toFixed(1)} s, restart ${b.restartS.toFixed(1)} s, lists + schema ${b.schemaS.toFixed(1)} s); raw neo4j-admin ${b.rawS.toFixed(1)} s`,
      );

      const importRate = storeS === null ? null : storeRels / storeS;
      rows.push({
        relationships: data.relationships,
        nodes: data.nodes,
        'baseline rels/s': Math.round(baseRate),
        'import rels/s': importRate === null ? 'skipped' : Math.round(importRate),
        'import rows/s': storeS === null ? 'skipped' : Math.round(data.rows / storeS),
        'import / baseline': importRate === null ? 'skipped' : Number((importRate / baseRate).toFixed(2)),
        're-import s': reimportS === null ? 'skipped' : Number(reimportS.toFixed(1)),
        'import Node CPU s': storeCpu === null ? 'skipped' : Number(storeCpu.toFixed(1)),
        'target met (≥50k/s and ≥0.7)':
          importRate !== null && importRate >= 50_000 && importRate / baseRate >= 0.7 ? 'yes' : 'no',
        'bulk s': Number(b.bulkS.toFixed(1)),
        'bulk rels/s': Math.round(bulkRate),
        'bulk steps s (map+CSV / admin / restart / schema)': [b.csvS, b.adminS, b.restartS, b.schemaS]
          .map((x) => x.toFixed(1))
          .join(' / '),
        'raw neo4j-admin s': Number(b.rawS.toFixed(1)),
        'raw rels/s': Math.round(b.relationships / b.rawS),
        'bulk / raw': Number((b.rawS / b.bulkS).toFixed(2)),
        'bulk target met (≥0.8 of raw; ≥100k/s at 1M)':
          b.rawS / b.bulkS >= 0.8 && (data.relationships < 1_000_000 || bulkRate >= 100_000) ? 'yes' : 'no',
      });
    }
  } finally {
    // The last graph stays: api-scale and load reuse it when the size matches.
    await store.close();
    await neo.stop();
  }
  writeResults(
    'import',
    'Import into Neo4j: the importer against a bare UNWIND … CREATE of the same rows',
    [
      'relationships',
      'nodes',
      'baseline rels/s',
      'import rels/s',
      'import rows/s',
      'import / baseline',
      're-import s',
      'import Node CPU s',
      'target met (≥50k/s and ≥0.7)',
      'bulk s',
      'bulk rels/s',
      'bulk steps s (map+CSV / admin / restart / schema)',
      'raw neo4j-admin s',
      'raw rels/s',
      'bulk / raw',
      'bulk target met (≥0.8 of raw; ≥100k/s at 1M)',
    ],
    rows,
    {
      loadAverage: loadavg(),
      scale: benchScale(),
      batchSize: BATCH,
      targets: {
        relationshipsPerSecond: 50_000,
        ratioToBaseline: 0.7,
        bulkRatioToRawAdmin: 0.8,
        bulkRelationshipsPerSecondAt1M: 100_000,
      },
    },
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
