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
import { toNeo4jNode, type StoredProps } from '../../store/common';
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
  /** rows not written yet, as UTF-8 (a row's string dies at once instead of waiting for the flush) */
  buf: Buffer;
  len: number;
}

/** How the rows of one node kind or relationship type are written. */
interface Layout {
  cols: Column[];
  /** the number columns (long or double per value) */
  numbers: Column[];
  /** record keys that are a column or stored otherwise (`id`, and a relationship's type, ends and sources) */
  known: Set<string>;
  /** the start of every group key of this kind or type */
  prefix: string;
}

const FLUSH_BYTES = 1 << 20;
const MULTILINE = /[\r\n]/;

const quote = (s: string): string => (s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`);

const typeName = (c: Column, doubles: Set<string>): string =>
  c.kind === 'number' ? (doubles.has(c.name) ? 'double' : 'long') : c.kind;

function layouts(columns: ReadonlyMap<string, Column[]>, prefix: string, stored: string[]): Map<string, Layout> {
  return new Map(
    [...columns].map(([name, cols]) => [
      name,
      {
        cols,
        numbers: cols.filter((c) => c.kind === 'number'),
        known: new Set([...stored, ...cols.map((c) => c.name)]),
        prefix: `${prefix}|${name}|`,
      },
    ]),
  );
}

const NODE_LAYOUTS = layouts(NODE_COLUMNS, 'n', ['id']);
const REL_LAYOUTS = layouts(REL_COLUMNS, 'r', ['id', 'type', 'source', 'target', 'sources']);

/** Writes the importer's records as neo4j-admin CSV files under `dir`. */
export class CsvSink implements GraphStore {
  readonly backend = 'neo4j' as const;
  private readonly groups = new Map<string, Group>();
  private readonly nodeIds = new Set<string>();
  /** kind → list property → [records with it empty, records without it] */
  private readonly lists = new Map<string, Map<string, [number, number]>>();
  private fileCount = 0;
  /** whether the row being made has a value that spans lines */
  private multiline = false;
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
    for (const [i, n] of parsed.entries()) {
      this.nodeIds.add(n.id);
      this.countLists(n.kind, rows[i]!.props!);
      const wait = this.append(rows[i]!);
      if (wait) await wait;
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
    for (const r of rows) {
      const wait = this.append(r);
      if (wait) await wait;
    }
    this.relsWritten += rows.length;
    counts.relationshipsCreated = rows.length;
    return counts;
  }

  /** Writes what is buffered and closes every file. */
  async close(): Promise<void> {
    for (const g of this.groups.values()) {
      if (g.len > 0) g.out.write(g.buf.subarray(0, g.len));
      g.len = 0;
      await new Promise<void>((res, rej) => g.out.end((e?: Error | null) => (e ? rej(e) : res())));
    }
  }

  // ---------------------------------------------------------------- rows

  /** A node's row, its properties exactly as the Neo4j store stores them (`toNeo4jNode`). */
  private nodeRow(n: Node): Row {
    const props = toNeo4jNode(n);
    const layout = NODE_LAYOUTS.get(n.kind)!;
    const where = `node ${n.id}`;
    for (const k in props) if (!layout.known.has(k)) unknownProperty(where, k);
    this.multiline = false;
    let line = quote(n.id);
    for (const c of layout.cols) line += ',' + this.cell(props[c.name], c, where);
    return {
      kind: 'nodes',
      labels: labelsOf(n.kind),
      layout,
      key: groupKey(layout, props),
      line: line + '\n',
      multiline: this.multiline,
      props,
    };
  }

  /**
   * A relationship's row: its properties exactly as `toStoredRel` stores them (every field but the
   * type and ends, absent ones left out, `sources` as `sourceIds` / `sourceQuotes`), read from the
   * record without building that object.
   */
  private relRow(r: Relationship): Row {
    const rec = r as unknown as Record<string, unknown>;
    const layout = REL_LAYOUTS.get(r.type)!;
    const where = `relationship ${r.id}`;
    for (const k in rec) if (!layout.known.has(k) && rec[k] !== undefined && rec[k] !== null) unknownProperty(where, k);
    this.multiline = false;
    let line = quote(r.source) + ',' + quote(r.target);
    for (const c of layout.cols) {
      const v =
        c.name === 'sourceIds'
          ? r.sources.map((s) => s.source)
          : c.name === 'sourceQuotes'
            ? r.sources.map((s) => s.quote)
            : rec[c.name];
      line += ',' + this.cell(v, c, where);
    }
    return {
      kind: 'relationships',
      labels: [r.type],
      layout,
      key: groupKey(layout, rec),
      line: line + '\n',
      multiline: this.multiline,
    };
  }

  /** One CSV cell (empty for an absent value); notes a value that spans lines in `multiline`. */
  private cell(v: unknown, c: Column, where: string): string {
    if (v === undefined || v === null) return '';
    if (Array.isArray(v)) {
      if (v.length === 0) return '';
      const list = v as string[];
      for (const e of list)
        if (e.includes(this.arrayDelimiter))
          throw new ValidationError(
            `${where}: "${c.name}" holds U+${this.arrayDelimiter.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, the bulk array delimiter`,
            { where: `${where} ${c.name}`, hint: 'import this data set online (without --bulk)' },
          );
      const s = list.join(this.arrayDelimiter);
      if (MULTILINE.test(s)) this.multiline = true;
      return quote(s);
    }
    if (typeof v === 'string') {
      if (MULTILINE.test(v)) this.multiline = true;
      return quote(v);
    }
    return `${v as number | boolean}`;
  }

  /** Counts a node's empty and absent list properties (see `emptyLists`). */
  private countLists(kind: NodeKind, props: StoredProps): void {
    let lists = this.lists.get(kind);
    if (!lists) this.lists.set(kind, (lists = new Map<string, [number, number]>()));
    for (const c of NODE_LAYOUTS.get(kind)!.cols)
      if (c.kind === 'string[]') {
        const v = props[c.name];
        let counts = lists.get(c.name);
        if (!counts) lists.set(c.name, (counts = [0, 0]));
        if (v === undefined) counts[1]++;
        else if (Array.isArray(v) && v.length === 0) counts[0]++;
      }
  }

  private newGroup(row: Row): Group {
    const doubles = new Set(row.key.slice(row.layout.prefix.length).split(',').filter(Boolean));
    const first = row.kind === 'nodes' ? ['id:ID'] : [':START_ID', ':END_ID'];
    const header = [...first, ...row.layout.cols.map((c) => `${c.name}:${typeName(c, doubles)}`)].join(',') + '\n';
    const name = `${row.kind}-${row.labels[0]}-${this.fileCount++}.csv`;
    const out = createWriteStream(join(this.dir, name), { encoding: 'utf8' });
    const g: Group = {
      file: { name, what: row.kind, labels: row.labels, rows: 0, multiline: false },
      out,
      buf: Buffer.allocUnsafe(FLUSH_BYTES),
      len: 0,
    };
    this.groups.set(row.key, g);
    void this.put(g, header); // an empty buffer: never waits
    return g;
  }

  /** Adds a row to its file; returns a promise when the file's stream must drain first. */
  private append(row: Row): Promise<void> | undefined {
    const g = this.groups.get(row.key) ?? this.newGroup(row);
    g.file.rows++;
    if (row.multiline) g.file.multiline = true;
    return this.put(g, row.line);
  }

  private put(g: Group, text: string): Promise<void> | undefined {
    let wait: Promise<void> | undefined;
    // at most 3 bytes of UTF-8 per UTF-16 unit
    if (g.len + text.length * 3 > g.buf.length) {
      wait = this.flush(g);
      if (text.length * 3 > g.buf.length) g.buf = Buffer.allocUnsafe(text.length * 3);
    }
    g.len += g.buf.write(text, g.len);
    return wait;
  }

  private flush(g: Group): Promise<void> | undefined {
    if (g.len === 0) return undefined;
    const chunk = g.buf.subarray(0, g.len);
    g.buf = Buffer.allocUnsafe(FLUSH_BYTES);
    g.len = 0;
    if (g.out.write(chunk)) return undefined;
    return new Promise<void>((res) => g.out.once('drain', res));
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
  between(): Promise<S.RelationshipPage> {
    return notReading();
  }
  datasets(): Promise<S.DatasetsResult> {
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
  dataVersion(): Promise<string> {
    return notReading();
  }
  projection(): Promise<never> {
    return notReading();
  }
  readLayout(): Promise<undefined> {
    return notReading();
  }
  writeLayout(): Promise<void> {
    return notReading();
  }
}

function notReading(): Promise<never> {
  return Promise.reject(new AppError('INTERNAL', 500, 'the bulk CSV writer writes files; it cannot be read'));
}

/** A row made, and the file group it goes to. */
interface Row {
  kind: BulkFile['what'];
  labels: string[];
  layout: Layout;
  /** the layout's prefix and the number columns holding doubles (comma separated) */
  key: string;
  line: string;
  multiline: boolean;
  /** a node's stored properties (to count its empty lists) */
  props?: StoredProps;
}

/**
 * The file group of a record: its kind or type and which number columns hold a value that is not a
 * safe integer (neo4j-driver sends those as FLOAT).
 */
function groupKey(layout: Layout, rec: Record<string, unknown>): string {
  let key = layout.prefix;
  let first = true;
  for (const c of layout.numbers) {
    const v = rec[c.name];
    if (typeof v === 'number' && !Number.isSafeInteger(v)) {
      key += first ? c.name : `,${c.name}`;
      first = false;
    }
  }
  return key;
}

function unknownProperty(where: string, k: string): never {
  throw new ValidationError(`${where}: property "${k}" has no column in the bulk CSV files`, {
    where,
    hint: 'the model and the bulk columns disagree: import online (without --bulk)',
  });
}
