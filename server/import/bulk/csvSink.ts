/**
 * The bulk importer's store: takes the importer's validated batches (the same `upsertNodes` /
 * `upsertRelationships` calls the Neo4j store gets) and writes them as neo4j-admin CSV files instead,
 * one file per node kind or relationship type and choice of long / double number columns. Properties
 * are written exactly as the Neo4j store stores them (`toNeo4jNode` / `toStoredRel`); a relationship
 * whose end was not written yet is reported missing, as the Neo4j store reports it, so that the
 * importer retries it at the end and then rejects it. A batch is checked whole before any of it is
 * written, so that a refused record (the importer halves the batch to find it) leaves no half rows.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type * as S from '../../api/schemas';
import { AppError, ValidationError } from '../../errors';
import { labelsOf, type Node, type NodeKind, type Relationship } from '../../model/model';
import { toNeo4jNode, toStoredRel, type StoredProps } from '../../store/common';
import { checkNodes, checkRelationships } from '../../store/neo4j/validate';
import { emptyCounts, type GraphStore, type WriteCounts } from '../../store/store';
import { NODE_COLUMNS, REL_COLUMNS, type Column } from './columns';

/** One CSV file and what neo4j-admin needs to know about it. */
export interface BulkFile {
  /** file name inside the CSV folder */
  name: string;
  what: 'nodes' | 'relationships';
  /** node labels (kind, plus Organization) or the relationship type */
  labels: string[];
  rows: number;
  /** some value spans lines: neo4j-admin must read this file with --multiline-fields */
  multiline: boolean;
}

/** A list property written empty (neo4j-admin cannot store an empty list): set to [] after the import. */
export interface EmptyList {
  kind: NodeKind;
  property: string;
}

interface Group {
  file: BulkFile;
  out: WriteStream;
  buf: string[];
  bytes: number;
}

const FLUSH_BYTES = 1 << 20;
const MULTILINE = /[\r\n]/;

const quote = (s: string): string => (s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`);

const typeName = (c: Column, doubles: Set<string>): string =>
  c.kind === 'number' ? (doubles.has(c.name) ? 'double' : 'long') : c.kind;

/** Writes the importer's records as neo4j-admin CSV files under `dir`. */
export class CsvSink implements GraphStore {
  readonly backend = 'neo4j' as const;
  private readonly groups = new Map<string, Group>();
  private readonly nodeIds = new Set<string>();
  /** kind → list property → [records with it empty, records without it] */
  private readonly lists = new Map<string, Map<string, [number, number]>>();
  private fileCount = 0;
  nodesWritten = 0;
  relsWritten = 0;

  /**
   * `dir` is created; `arrayDelimiter` is the character between list elements (a value holding it is
   * refused, so choose one the data does not hold: see `chooseArrayDelimiter`).
   */
  constructor(
    readonly dir: string,
    readonly arrayDelimiter: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** The files written so far. */
  files(): BulkFile[] {
    return [...this.groups.values()].map((g) => g.file);
  }

  /** List properties written empty somewhere; throws when a kind also has records without them. */
  emptyLists(): EmptyList[] {
    const out: EmptyList[] = [];
    for (const [kind, props] of this.lists)
      for (const [property, [empty, absent]] of props) {
        if (empty === 0) continue;
        if (absent > 0)
          throw new AppError(
            'INTERNAL',
            500,
            `bulk import: ${kind}.${property} is an empty list in ${empty} records and absent in ${absent}: neo4j-admin cannot tell them apart`,
            { hint: 'import this data set online (without --bulk)' },
          );
        out.push({ kind: kind as NodeKind, property });
      }
    return out;
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  /** The schema is applied after neo4j-admin has run. */
  applySchema(): Promise<void> {
    return Promise.resolve();
  }

  async upsertNodes(nodes: Node[]): Promise<WriteCounts> {
    const parsed = checkNodes(nodes);
    const rows = parsed.map((n) => this.nodeRow(n));
    for (const [i, r] of rows.entries()) {
      this.nodeIds.add(parsed[i]!.id);
      r.count();
      await this.append(r.key, r.line, r.multiline, r.make);
    }
    this.nodesWritten += rows.length;
    return { ...emptyCounts(), nodesCreated: rows.length };
  }

  async upsertRelationships(rels: Relationship[]): Promise<WriteCounts> {
    const counts = emptyCounts();
    const ready = checkRelationships(rels).filter((r) => {
      const ok = this.nodeIds.has(r.source) && this.nodeIds.has(r.target);
      if (!ok) counts.missingEndpoints.push(r.id);
      return ok;
    });
    const rows = ready.map((r) => this.relRow(r));
    for (const r of rows) await this.append(r.key, r.line, r.multiline, r.make);
    this.relsWritten += rows.length;
    counts.relationshipsCreated = rows.length;
    return counts;
  }

  /** Writes what is buffered and closes every file. */
  async close(): Promise<void> {
    for (const g of this.groups.values()) {
      if (g.buf.length > 0) g.out.write(g.buf.join(''));
      g.buf = [];
      await new Promise<void>((res, rej) => g.out.end((e?: Error | null) => (e ? rej(e) : res())));
    }
  }

  // ---------------------------------------------------------------- rows

  private nodeRow(n: Node) {
    const props = toNeo4jNode(n);
    const cols = NODE_COLUMNS.get(n.kind)!;
    const doubles = doublesOf(props, cols);
    const labels = labelsOf(n.kind);
    const key = `n|${n.kind}|${[...doubles].join(',')}`;
    const make = () =>
      this.newGroup(key, 'nodes', labels, ['id:ID', ...cols.map((c) => `${c.name}:${typeName(c, doubles)}`)]);
    const cells = this.cells(props, cols, `node ${n.id}`);
    const count = () => {
      let lists = this.lists.get(n.kind);
      if (!lists) this.lists.set(n.kind, (lists = new Map<string, [number, number]>()));
      for (const c of cols)
        if (c.kind === 'string[]') {
          const v = props[c.name];
          const counts = lists.get(c.name) ?? [0, 0];
          if (v === undefined) counts[1]++;
          else if (Array.isArray(v) && v.length === 0) counts[0]++;
          lists.set(c.name, counts);
        }
    };
    return { key, make, count, line: `${quote(n.id)},${cells.text}\n`, multiline: cells.multiline };
  }

  private relRow(r: Relationship) {
    const props = toStoredRel(r);
    const cols = REL_COLUMNS.get(r.type)!;
    const doubles = doublesOf(props, cols);
    const key = `r|${r.type}|${[...doubles].join(',')}`;
    const make = () =>
      this.newGroup(
        key,
        'relationships',
        [r.type],
        [':START_ID', ':END_ID', ...cols.map((c) => `${c.name}:${typeName(c, doubles)}`)],
      );
    const cells = this.cells(props, cols, `relationship ${r.id}`);
    return { key, make, line: `${quote(r.source)},${quote(r.target)},${cells.text}\n`, multiline: cells.multiline };
  }

  private cells(props: StoredProps, cols: Column[], where: string): { text: string; multiline: boolean } {
    let multiline = false;
    const known = new Set(cols.map((c) => c.name));
    for (const k of Object.keys(props))
      if (k !== 'id' && !known.has(k))
        throw new ValidationError(`${where}: property "${k}" has no column in the bulk CSV files`, {
          where,
          hint: 'the model and the bulk columns disagree: import online (without --bulk)',
        });
    const out = cols.map((c) => {
      const v = props[c.name];
      if (v === undefined) return '';
      if (Array.isArray(v)) {
        if (v.length === 0) return '';
        for (const e of v)
          if (e.includes(this.arrayDelimiter))
            throw new ValidationError(
              `${where}: "${c.name}" holds U+${this.arrayDelimiter.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, the bulk array delimiter`,
              { where: `${where} ${c.name}`, hint: 'import this data set online (without --bulk)' },
            );
        const s = v.join(this.arrayDelimiter);
        if (MULTILINE.test(s)) multiline = true;
        return quote(s);
      }
      if (typeof v === 'string') {
        if (MULTILINE.test(v)) multiline = true;
        return quote(v);
      }
      return String(v);
    });
    return { text: out.join(','), multiline };
  }

  private newGroup(key: string, what: BulkFile['what'], labels: string[], header: string[]): Group {
    const name = `${what}-${labels[0]}-${this.fileCount++}.csv`;
    const out = createWriteStream(join(this.dir, name), { encoding: 'utf8' });
    const g: Group = { file: { name, what, labels, rows: 0, multiline: false }, out, buf: [], bytes: 0 };
    g.buf.push(header.join(',') + '\n');
    this.groups.set(key, g);
    return g;
  }

  private async append(key: string, line: string, multiline: boolean, make: () => Group): Promise<void> {
    const g = this.groups.get(key) ?? make();
    g.buf.push(line);
    g.bytes += line.length;
    g.file.rows++;
    if (multiline) g.file.multiline = true;
    if (g.bytes < FLUSH_BYTES) return;
    const chunk = g.buf.join('');
    g.buf = [];
    g.bytes = 0;
    if (!g.out.write(chunk)) await new Promise<void>((res) => g.out.once('drain', res));
  }

  // ---------------------------------------------------------------- not a reading store

  async upsertGraph(graph: { nodes: Node[]; relationships: Relationship[] }): Promise<WriteCounts> {
    const a = await this.upsertNodes(graph.nodes);
    const b = await this.upsertRelationships(graph.relationships);
    return { ...a, relationshipsCreated: b.relationshipsCreated, missingEndpoints: b.missingEndpoints };
  }
  clear(): Promise<void> {
    return notReading();
  }
  search(): Promise<S.SearchResult> {
    return notReading();
  }
  entity(): Promise<S.Entity> {
    return notReading();
  }
  relationships(): Promise<S.RelationshipPage> {
    return notReading();
  }
  neighborhood(): Promise<S.SerializedGraph> {
    return notReading();
  }
  paths(): Promise<S.PathsResult> {
    return notReading();
  }
  flows(): Promise<S.FlowsResult> {
    return notReading();
  }
  overview(): Promise<S.SerializedGraph> {
    return notReading();
  }
  cofunding(): Promise<S.SerializedGraph> {
    return notReading();
  }
  stats(): Promise<S.Stats> {
    return notReading();
  }
  cypher(): Promise<S.CypherResult> {
    return notReading();
  }
  deal(): Promise<S.Deal> {
    return notReading();
  }
}

function notReading(): Promise<never> {
  return Promise.reject(new AppError('INTERNAL', 500, 'the bulk CSV writer writes files; it cannot be read'));
}

/** The number columns whose value in `props` is not a safe integer (neo4j-driver sends those as FLOAT). */
function doublesOf(props: StoredProps, cols: Column[]): Set<string> {
  const out = new Set<string>();
  for (const c of cols) {
    const v = props[c.name];
    if (c.kind === 'number' && typeof v === 'number' && !Number.isSafeInteger(v)) out.add(c.name);
  }
  return out;
}
