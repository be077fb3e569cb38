/**
 * What the import, API, memory and load benchmarks share: the sizes to run (BENCH_SCALE), synthetic
 * data generated once per size and seed into a cache folder, a Neo4j of their own (or the one at
 * NEO4J_BENCH_URI, which is wiped), a fast wipe, and `BulkNeo4jSink`: a write-only GraphStore that
 * writes the importer's records with one `UNWIND … MERGE` statement per kind or type and batch, the
 * storage format of the Neo4j store (labels from the kind, properties flattened by common.ts). The
 * benches use it to load the large graphs, and to show what the importer does when the store's write
 * path costs one statement per batch.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { labelsOf, type GraphData, type Node, type NodeKind, type Relationship } from '../model/model';
import { toStoredNode, toStoredRel } from '../store/common';
import { emptyCounts, type GraphStore, type WriteCounts } from '../store/store';
import { generateEcosystem, type GenerateResult } from './synthetic';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const SYNTHETIC_MAPPING = join(REPO_ROOT, 'mappings/synthetic-ecosystem.yaml');

/** `BENCH_SCALE`: `small` (smoke), default, or `full` (adds the 1M-relationship runs). */
export function benchScale(): 'small' | 'default' | 'full' {
  const s = process.env.BENCH_SCALE ?? 'default';
  if (s !== 'small' && s !== 'default' && s !== 'full')
    throw new Error(`BENCH_SCALE must be small, default or full, not "${s}"`);
  return s;
}

/** Synthetic data with about `relationships` relationships (10 per organisation), cached by size and seed. */
export function syntheticData(relationships: number, seed = 1): GenerateResult {
  const dir = join(tmpdir(), 'innograph-bench-data', `${relationships}-${seed}`);
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as Omit<GenerateResult, 'dir'>;
    return { ...m, dir };
  }
  return generateEcosystem(dir, { orgs: Math.max(20, Math.round(relationships / 10)), seed, relationships });
}

/** A Neo4j for a bench: NEO4J_BENCH_URI, or one started here (port 7699, data in the temp folder). */
export interface BenchNeo4j {
  uri: string;
  driver: Driver;
  stop(): Promise<void>;
}

export async function startBenchNeo4j(): Promise<BenchNeo4j> {
  let uri = process.env.NEO4J_BENCH_URI;
  let started = false;
  const env = {
    ...process.env,
    NEO4J_BOLT_PORT: process.env.NEO4J_BENCH_PORT ?? '7699',
    NEO4J_HOME_DIR: join(tmpdir(), 'innograph-bench-neo4j'),
    NEO4J_HEAP: process.env.NEO4J_HEAP ?? '2g',
  };
  const script = join(REPO_ROOT, 'scripts/neo4j/neo4j.sh');
  if (!uri) {
    const r = spawnSync('bash', [script, 'start'], { env, encoding: 'utf8', timeout: 600_000 });
    const m = /NEO4J_URI=(\S+)/.exec(r.stdout ?? '');
    if (r.status !== 0 || !m) throw new Error(`could not start a Neo4j for the bench:\n${r.stdout}\n${r.stderr}`);
    uri = m[1]!;
    started = true;
  }
  const driver = neo4j.driver(
    uri,
    neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? 'neo4j'),
    {
      logging: { level: 'error', logger: () => undefined },
    },
  );
  await driver.verifyConnectivity();
  return {
    uri,
    driver,
    async stop() {
      await driver.close();
      if (started) execFileSync('bash', [script, 'stop'], { env, stdio: 'ignore' });
    },
  };
}

/** Deletes every relationship, then every node, in small transactions (any size of graph). */
export async function wipe(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS');
    await session.run('MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS');
  } finally {
    await session.close();
  }
}

/** Number of relationships in the database. */
export async function countRelationships(driver: Driver): Promise<number> {
  const r = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS c');
  return Number(r.records[0]!.get('c'));
}

const notHere = (what: string) => () => Promise.reject(new Error(`BulkNeo4jSink writes only (${what})`));

/**
 * A write-only GraphStore over a driver: nodes by `UNWIND $rows MERGE (n:Kind {id}) SET n = props`,
 * relationships by `UNWIND $rows MATCH (a:KindA {id}) MATCH (b:KindB {id}) MERGE (a)-[r:T {id}]->(b)
 * SET r = props`, one statement per kind or type in one transaction per batch. Endpoint labels come
 * from the nodes it wrote (unknown ends are reported as missing). Counts every write as created.
 */
export class BulkNeo4jSink implements GraphStore {
  readonly backend = 'neo4j' as const;
  private kinds = new Map<string, NodeKind>();

  constructor(private readonly driver: Driver) {}

  async ping(): Promise<void> {
    await this.driver.verifyConnectivity();
  }
  async applySchema(): Promise<void> {}
  async close(): Promise<void> {}

  async upsertNodes(nodes: Node[]): Promise<WriteCounts> {
    const groups = new Map<NodeKind, { id: string; props: Record<string, unknown> }[]>();
    for (const n of nodes) {
      this.kinds.set(n.id, n.kind);
      const g = groups.get(n.kind) ?? [];
      g.push({ id: n.id, props: toStoredNode(n) });
      groups.set(n.kind, g);
    }
    const session = this.driver.session();
    try {
      await session.executeWrite(async (tx) => {
        for (const [kind, rows] of groups) {
          const extra = labelsOf(kind).filter((l) => l !== kind);
          await tx.run(
            `UNWIND $rows AS row MERGE (n:${kind} {id: row.id}) SET n = row.props${extra.length ? ` SET n:${extra.join(':')}` : ''}`,
            { rows },
          );
        }
      });
    } finally {
      await session.close();
    }
    return { ...emptyCounts(), nodesCreated: nodes.length };
  }

  async upsertRelationships(relationships: Relationship[]): Promise<WriteCounts> {
    const counts = emptyCounts();
    const groups = new Map<string, { id: string; s: string; t: string; props: Record<string, unknown> }[]>();
    for (const r of relationships) {
      const a = this.kinds.get(r.source);
      const b = this.kinds.get(r.target);
      if (!a || !b) {
        counts.missingEndpoints.push(r.id);
        continue;
      }
      const key = `${r.type}|${a}|${b}`;
      const g = groups.get(key) ?? [];
      g.push({ id: r.id, s: r.source, t: r.target, props: toStoredRel(r) });
      groups.set(key, g);
    }
    const session = this.driver.session();
    try {
      await session.executeWrite(async (tx) => {
        for (const [key, rows] of groups) {
          const [type, a, b] = key.split('|');
          await tx.run(
            `UNWIND $rows AS row MATCH (a:${a} {id: row.s}) MATCH (b:${b} {id: row.t}) MERGE (a)-[r:${type} {id: row.id}]->(b) SET r = row.props`,
            { rows },
          );
        }
      });
    } finally {
      await session.close();
    }
    counts.relationshipsCreated = relationships.length - counts.missingEndpoints.length;
    return counts;
  }

  async upsertGraph(graph: GraphData): Promise<WriteCounts> {
    const c = await this.upsertNodes(graph.nodes);
    const r = await this.upsertRelationships(graph.relationships);
    return { ...c, relationshipsCreated: r.relationshipsCreated, missingEndpoints: r.missingEndpoints };
  }

  async clear(): Promise<void> {
    await wipe(this.driver);
    this.kinds.clear();
  }

  search = notHere('search');
  entity = notHere('entity');
  relationships = notHere('relationships');
  neighborhood = notHere('neighborhood');
  paths = notHere('paths');
  flows = notHere('flows');
  overview = notHere('overview');
  cofunding = notHere('cofunding');
  stats = notHere('stats');
  cypher = notHere('cypher');
}

/** Percentile helpers and timing. */
export const seconds = (startMs: number): number => (performance.now() - startMs) / 1000;
