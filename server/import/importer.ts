/**
 * The declarative importer: runs a mapping over its CSV files into a GraphStore (or nowhere, for a dry
 * run). Lookup tables are built first; then each file is streamed row by row, each row mapped and
 * validated whole (a bad row goes to the rejects, the rest carries on), records deduplicated by id
 * (the first one is kept), and written in batches through `upsertNodes`/`upsertRelationships`, one
 * batch in flight while the next is built, nodes always before the relationships that need them.
 * Every batch is one transaction and every write an upsert, so an interrupted run leaves a consistent
 * graph and a rerun completes it; re-importing writes nothing new.
 */
import { join } from 'node:path';
import {
  ENDPOINTS,
  NODE_KINDS,
  isNodeKind,
  kindAllowed,
  type Node,
  type NodeKind,
  type Relationship,
} from '../model/model';
import type { GraphStore } from '../store/store';
import {
  buildRow,
  compileFile,
  fingerprint,
  type BuiltNode,
  type BuiltRel,
  type CompiledFile,
  type Issue,
  type Known,
} from './build';
import { BatchWriter, type Where } from './batchWriter';
import { readCsvBatches } from './csv';
import { accumulate, lookupValue } from './aggregate';
import { compileCond, compileValue, type Cond, type Expr, type RowCtx, type Scope } from './expr';
import { dataDirOf, loadMapping, type LoadedMapping, type LookupSpec, type Mapping, type RateTable } from './mapping';
import { checkDataFiles } from './preflight';
import { MoneyLog, RejectLog, WarningLog, type ImportSummary, type ProgressInfo } from './report';
import type { Value } from './transforms';

export interface ImportOptions {
  /** overrides the mapping's `dataDir` */
  dataDir?: string;
  /** map and validate everything but write nothing (no store needed) */
  dryRun?: boolean;
  /** records per write transaction (default 5000) */
  batchSize?: number;
  /** where to write the rejects CSV; null for none */
  rejectsPath?: string | null;
  /** stops the import between rows (Ctrl-C) */
  signal?: AbortSignal;
  /** exchange rates for the money total; defaults to the mapping's `rates` */
  rates?: RateTable;
  /** called about every 200 ms while rows are read */
  onProgress?: (p: ProgressInfo) => void;
  /** write attempts of a batch when the store is unavailable (default 4, with back-off) */
  retries?: number;
  /** relationship batches written at once (default 2; node batches are always written alone) */
  concurrency?: number;
  /** stop (nothing more written) when more rows than this are rejected */
  maxRejects?: number;
}

const KIND_INDEX = new Map<string, number>(NODE_KINDS.map((k, i) => [k, i]));

/**
 * Ids imported so far in this run: node id → kind and content fingerprint; relationship id →
 * fingerprint. About 100 bytes an id.
 */
class Registry {
  private nodes = new Map<string, number>();
  private rels = new Map<string, number>();

  kindOf(id: string): NodeKind | undefined {
    const v = this.nodes.get(id);
    return v === undefined ? undefined : NODE_KINDS[Math.floor(v / 2 ** 32)];
  }

  known: Known = (what, id, fp) => {
    const prev = (what === 'node' ? this.nodes : this.rels).get(id);
    if (prev === undefined) return 'new';
    return prev % 2 ** 32 === fp ? 'same' : 'conflict';
  };

  addNode(id: string, kind: NodeKind, fp: number): void {
    this.nodes.set(id, KIND_INDEX.get(kind)! * 2 ** 32 + fp);
  }

  addRel(id: string, fp: number): void {
    this.rels.set(id, fp);
  }
}

function sourceNode(m: Mapping): Node {
  const { quote, ...s } = m.source;
  return {
    ...s,
    kind: 'Source',
    aliases: [],
    description: s.description ?? '',
    sources: [{ source: s.id, quote }],
    dataset: m.name,
  };
}

/**
 * Runs a mapping (a path, or one loaded already) into `store` (omit it for a dry run). Throws only
 * for a broken mapping, an unreadable file or a store that stays unavailable; bad rows are rejects.
 */
export async function runImport(
  mappingOrPath: string | LoadedMapping,
  store: GraphStore | undefined,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const loaded = typeof mappingOrPath === 'string' ? loadMapping(mappingOrPath) : mappingOrPath;
  const m = loaded.mapping;
  const dataDir = dataDirOf(loaded, options.dataDir);
  const dryRun = options.dryRun === true || store === undefined;
  const target = dryRun ? undefined : store;
  const started = Date.now();
  const rejects = new RejectLog(options.rejectsPath ?? null);
  const warnings = new WarningLog();
  const moneyLog = new MoneyLog();
  const registry = new Registry();
  const rowKinds = new Map<string, NodeKind>();
  const kindOf = (id: string): string | undefined => rowKinds.get(id) ?? registry.kindOf(id);
  const totals = {
    nodes: { records: 0, created: 0, updated: 0, written: 0, byKind: {} as Record<string, number> },
    rels: { records: 0, created: 0, updated: 0, written: 0, byType: {} as Record<string, number> },
  };
  let duplicates = 0;
  let rowsRead = 0;
  let rowsSkipped = 0;
  let rowsRejected = 0;
  const fileStats: ImportSummary['files'] = [];
  const deferred: { rel: Relationship; where: Where }[] = [];
  /** dry run: relationships with an end not imported (yet) when they were read */
  const unresolved: { rel: Relationship; where: Where }[] = [];
  const rejectedRows = new Set<string>();

  let overLimit = false;
  const reject = (w: Where, field: string, reason: string, value?: string) => {
    const key = `${w.file}:${w.line}`;
    if (!rejectedRows.has(key)) {
      rejectedRows.add(key);
      overLimit ||= ++rowsRejected > (options.maxRejects ?? Infinity);
    }
    rejects.add({ file: w.file, line: w.line, spec: w.spec, field, reason, ...(value ? { value } : {}), row: w.row });
  };

  const writer = new BatchWriter(
    target,
    options.batchSize ?? 5000,
    options.retries ?? 4,
    {
      onCounts: (c) => {
        totals.nodes.created += c.nodesCreated;
        totals.nodes.updated += c.nodesUpdated;
        totals.rels.created += c.relationshipsCreated;
        totals.rels.updated += c.relationshipsUpdated;
      },
      onMissing: (items) => deferred.push(...items),
      onFailed: (w, reason) => reject(w, '(record)', `the store refused the record: ${reason}`),
    },
    options.concurrency ?? 2,
  );

  // Every file there and not empty (unless optional), before anything is written; sizes for the progress bar.
  const allFiles = [...Object.values(m.lookups ?? {}).map((l) => l.file), ...m.files.map((f) => f.file)];
  const sizes = await checkDataFiles(m, dataDir);
  const totalBytes = allFiles.reduce((s, f) => s + (sizes.get(f) ?? 0), 0);
  let doneBytes = 0;
  let lastProgress = 0;
  const progress = (phase: ProgressInfo['phase'], file: string, bytes: number, force = false) => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (!force && now - lastProgress < 200) return;
    lastProgress = now;
    options.onProgress({ phase, file, rows: rowsRead, bytes: doneBytes + bytes, totalBytes, elapsedMs: now - started });
  };
  const stopped = () => overLimit || options.signal?.aborted === true;

  // Lookups.
  const lookups = new Map<string, Map<string, Value>>();
  for (const name of Object.keys(m.lookups ?? {})) lookups.set(name, new Map());
  const baseScope = { lookups, kindOf };
  // Consecutive lookups on the same file share one read.
  const groups: [string, LookupSpec][][] = [];
  for (const entry of Object.entries(m.lookups ?? {})) {
    const last = groups[groups.length - 1];
    if (last && last[0]![1].file === entry[1].file && last[0]![1].delimiter === entry[1].delimiter) last.push(entry);
    else groups.push([entry]);
  }
  for (const group of groups) {
    const { file, delimiter, multiline } = group[0]![1];
    let compiled:
      | { name: string; spec: LookupSpec; table: Map<string, Value>; key: Expr; value: Expr; where: Cond | undefined }[]
      | undefined;
    for await (const batch of readCsvBatches(join(dataDir, file), {
      delimiter,
      multiline,
      onBytes: (b) => progress('lookups', file, b),
    }))
      for (const row of batch) {
        if (!compiled) {
          const columns = new Map(row.cells.map((h, i) => [h, i] as const));
          compiled = group.map(([name, spec]) => {
            const scope: Scope = {
              ...baseScope,
              where: `lookup ${name} (${file})`,
              columns,
              vars: new Map(),
              records: false,
            };
            return {
              name,
              spec,
              table: lookups.get(name)!,
              key: compileValue(spec.key, scope),
              value: lookupValue(spec, scope),
              where: spec.where ? compileCond(spec.where, scope) : undefined,
            };
          });
          continue;
        }
        if (row.error) continue;
        const ctx: RowCtx = { cells: row.cells, vars: [] };
        for (const { name, spec, table, key, value, where } of compiled) {
          try {
            if (where && !where(ctx)) continue;
            const k = key(ctx);
            const v = value(ctx);
            if (k === undefined || (v === undefined && spec.keep !== 'count')) continue;
            accumulate(table, spec.keep, Array.isArray(k) ? k.join(';') : String(k), v);
          } catch (e) {
            warnings.add(file, `lookup ${name}`, `row not used: ${(e as Error).message}`, `line ${row.line}`);
          }
        }
      }
    doneBytes += sizes.get(file) ?? 0;
  }

  let interrupted = false;
  try {
    if (target) {
      await target.applySchema();
      await writer.addNode(sourceNode(m), { file: '(mapping)', line: 0, spec: 'source', row: '' });
    }
    const src = sourceNode(m);
    registry.addNode(src.id, 'Source', fingerprint(src.id));

    for (const spec of m.files) {
      if (stopped()) break;
      const path = join(dataDir, spec.file);
      const stats = { file: spec.file, rows: 0, skipped: 0, rejected: 0 };
      fileStats.push(stats);
      let compiled: CompiledFile | undefined;
      for await (const batch of readCsvBatches(path, {
        delimiter: spec.delimiter,
        multiline: spec.multiline,
        onBytes: (b) => progress('rows', spec.file, b),
        stop: stopped,
      }))
        for (const row of batch) {
          if (stopped()) break;
          if (!compiled) {
            compiled = compileFile(spec, row.cells, baseScope, m.source.id, m.name);
            continue;
          }
          rowsRead++;
          stats.rows++;
          const base: Where = { file: spec.file, line: row.line, spec: '(row)', row: row.text };
          if (row.error) {
            reject(base, '(row)', row.error);
            continue;
          }
          const r = buildRow(compiled, row, registry.known, rowKinds);
          if (r === 'skipped') {
            rowsSkipped++;
            stats.skipped++;
            continue;
          }
          const issues: Issue[] = [...r.issues];
          // Endpoint kinds and programme references, against this row and the nodes imported so far.
          for (const b of r.rels)
            if (b.value)
              checkRel(b.spec.label, b.value, kindOf, issues, (msg, id) =>
                warnings.add(spec.file, b.spec.label, msg, `line ${row.line} (${id})`),
              );
          if (issues.length > 0) {
            for (const i of issues) reject({ ...base, spec: i.spec }, i.field, i.message, i.value);
            continue;
          }
          for (const b of r.nodes) {
            const wait = acceptNode(b, base);
            if (wait) await wait;
          }
          for (const b of r.rels) {
            const wait = acceptRel(b, base);
            if (wait) await wait;
          }
        }
      doneBytes += sizes.get(spec.file) ?? 0;
    }

    if (stopped()) {
      interrupted = true;
      await writer.abandon();
    } else if (dryRun) {
      for (const d of unresolved) {
        const missing = [d.rel.source, d.rel.target].find((id) => registry.kindOf(id) === undefined);
        if (missing === undefined) continue;
        reject(
          d.where,
          missing === d.rel.source ? 'source' : 'target',
          `no node with id "${missing}" in this import (a dry run does not look in the store)`,
          missing,
        );
        unaccept(d.rel);
      }
    } else {
      progress('finishing', '', 0, true);
      await writer.finish();
      // Relationships whose endpoints were missing when written: once more, now that every node is in.
      if (deferred.length > 0) {
        const again = deferred.splice(0);
        for (const d of again) await writer.addRel(d.rel, d.where);
        await writer.finish();
        for (const d of deferred.splice(0)) {
          const ends = [
            ['source', d.rel.source],
            ['target', d.rel.target],
          ] as const;
          const absent = ends.filter(([, id]) => registry.kindOf(id) === undefined);
          const [field, id] = absent[0] ?? ends[0];
          reject(d.where, field, `no node with id "${id}"`, id);
          unaccept(d.rel);
        }
      }
    }
  } finally {
    await rejects.close();
  }

  function acceptNode(b: BuiltNode, base: Where): Promise<void> | undefined {
    if (b.seen === 'new') b.seen = registry.known('node', b.id, b.fp);
    if (b.seen !== 'new' || !b.value) return repeat(b, base);
    registry.addNode(b.id, b.kind, b.fp);
    const n = b.value;
    for (const w of b.warnings) warnings.add(base.file, b.spec.label, w, `line ${base.line} (${n.id})`);
    totals.nodes.records++;
    totals.nodes.byKind[n.kind] = (totals.nodes.byKind[n.kind] ?? 0) + 1;
    return writer.addNode(n, { ...base, spec: b.spec.label });
  }

  function acceptRel(b: BuiltRel, base: Where): Promise<void> | undefined {
    if (b.seen === 'new') b.seen = registry.known('rel', b.id, b.fp);
    if (b.seen !== 'new' || !b.value) return repeat(b, base);
    registry.addRel(b.id, b.fp);
    const r = b.value;
    for (const w of b.warnings) warnings.add(base.file, b.spec.label, w, `line ${base.line} (${r.id})`);
    totals.rels.records++;
    totals.rels.byType[r.type] = (totals.rels.byType[r.type] ?? 0) + 1;
    if ((r.type === 'FUNDS' || r.type === 'INVESTS_IN') && r.amount !== undefined && r.currency)
      moneyLog.add(r.currency, r.amount);
    const where = { ...base, spec: b.spec.label };
    if (dryRun && (registry.kindOf(r.source) === undefined || registry.kindOf(r.target) === undefined))
      unresolved.push({ rel: r, where });
    return writer.addRel(r, where);
  }

  /** Takes back a relationship counted as imported that could not be written after all. */
  function unaccept(r: Relationship): void {
    totals.rels.records--;
    totals.rels.byType[r.type]!--;
    if ((r.type === 'FUNDS' || r.type === 'INVESTS_IN') && r.amount !== undefined && r.currency)
      moneyLog.add(r.currency, -r.amount, -1);
  }

  function repeat(b: BuiltNode | BuiltRel, base: Where): undefined {
    duplicates++;
    const example = `line ${base.line} (${b.id})`;
    if (b.seen === 'conflict' && b.spec.conflicts === 'warn')
      warnings.add(base.file, b.spec.label, 'repeated id with different values (the first one is kept)', example);
    else if (b.spec.unique) warnings.add(base.file, b.spec.label, 'repeated id (the first one is kept)', example);
  }

  const written = (t: { records: number; created: number; updated: number }) => ({
    records: t.records,
    created: t.created,
    updated: t.updated,
    unchanged: dryRun ? 0 : Math.max(0, t.records - t.created - t.updated),
  });
  for (const key of rejectedRows) {
    const f = fileStats.find((s) => key.startsWith(`${s.file}:`));
    if (f) f.rejected++;
  }
  const durationMs = Date.now() - started;
  const rates = options.rates ?? m.rates;
  const summary: ImportSummary = {
    mapping: m.name,
    dataDir,
    dryRun,
    interrupted,
    durationMs,
    rowsRead,
    rowsPerSecond: durationMs > 0 ? (rowsRead * 1000) / durationMs : 0,
    rowsSkipped,
    rowsRejected,
    files: fileStats,
    nodes: { ...written(totals.nodes), byKind: sortKeys(totals.nodes.byKind) },
    relationships: { ...written(totals.rels), byType: sortKeys(totals.rels.byType) },
    duplicates,
    rejects: { count: rejects.count, path: options.rejectsPath ?? null, sample: rejects.sample },
    ...(overLimit ? { rejectLimit: options.maxRejects } : {}),
    warnings: { count: warnings.count, groups: warnings.list() },
    money: moneyLog.list(),
    ...(rates ? { moneyInBase: moneyLog.convert(rates) } : {}),
  };
  // The Source node of the mapping is counted with the nodes.
  summary.nodes.byKind.Source = (summary.nodes.byKind.Source ?? 0) + 1;
  summary.nodes.records++;
  if (!dryRun)
    summary.nodes.unchanged = Math.max(0, summary.nodes.records - summary.nodes.created - summary.nodes.updated);
  return summary;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Checks a relationship's endpoint kinds and programme against nodes known so far. */
function checkRel(
  label: string,
  r: Relationship,
  kindOf: (id: string) => string | undefined,
  issues: Issue[],
  warn: (message: string, id: string) => void,
): void {
  const ends = ENDPOINTS[r.type];
  for (const [field, id, allowed] of [
    ['source', r.source, ends.from],
    ['target', r.target, ends.to],
  ] as const) {
    const kind = kindOf(id);
    if (kind !== undefined && isNodeKind(kind) && !kindAllowed(kind, allowed))
      issues.push({
        spec: label,
        field,
        message: `${r.type} may not have a ${kind} here (allowed: ${allowed.join(', ')})`,
        value: id,
      });
  }
  if ('program' in r && r.program !== undefined) {
    const kind = kindOf(r.program);
    if (kind === undefined) warn('the programme is not among the nodes imported before this row', r.id);
    else if (kind !== 'Program')
      issues.push({
        spec: label,
        field: 'program',
        message: `"${r.program}" is a ${kind}, not a Program`,
        value: r.program,
      });
  }
}
