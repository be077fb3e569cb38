/**
 * Whole-graph validation: each record against the zod model, then the references between records
 * (unique ids, existing endpoints, allowed endpoint kinds, programmes, provenance sources).
 * Errors name the record (file, index, id) and the field.
 */
import type { z } from 'zod';
import { ValidationError } from '../errors';
import { ENDPOINTS, Node, Relationship, kindAllowed, type GraphData } from './model';

export interface RecordIssue {
  /** where the record came from, e.g. "seed/organisations.yaml#12 (jinfeng-laboratory)" */
  record: string;
  /** the field path, e.g. "sources.0.quote" */
  field: string;
  message: string;
}

/** A raw record and a label that says where it came from. */
export interface RawRecord {
  where: string;
  value: unknown;
}

function zodIssues(where: string, error: z.ZodError): RecordIssue[] {
  return error.issues.map((i) => ({ record: where, field: i.path.join('.') || '(record)', message: i.message }));
}

function idOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'id' in value && typeof value.id === 'string') return value.id;
  return undefined;
}

function label(r: RawRecord): string {
  const id = idOf(r.value);
  return id ? `${r.where} (${id})` : r.where;
}

/**
 * Parses and cross-checks a graph. Throws a ValidationError listing every issue (with `details` the
 * RecordIssue list) when any record is invalid; returns the parsed graph otherwise.
 */
export function validateGraph(nodes: RawRecord[], relationships: RawRecord[]): GraphData {
  const issues: RecordIssue[] = [];
  const parsedNodes: Node[] = [];
  const nodeWhere = new Map<string, string>();
  for (const raw of nodes) {
    const r = Node.safeParse(raw.value);
    if (!r.success) {
      issues.push(...zodIssues(label(raw), r.error));
      continue;
    }
    const prev = nodeWhere.get(r.data.id);
    if (prev) issues.push({ record: label(raw), field: 'id', message: `duplicate id, first used by ${prev}` });
    nodeWhere.set(r.data.id, label(raw));
    parsedNodes.push(r.data);
  }
  const byId = new Map(parsedNodes.map((n) => [n.id, n]));
  const checkSources = (where: string, sources: { source: string }[]) =>
    sources.forEach((s, i) => {
      const src = byId.get(s.source);
      if (!src || src.kind !== 'Source')
        issues.push({ record: where, field: `sources.${i}.source`, message: `"${s.source}" is not a Source node` });
    });
  for (const n of parsedNodes) checkSources(nodeWhere.get(n.id) ?? n.id, n.sources);

  const parsedRels: Relationship[] = [];
  const relIds = new Set<string>();
  for (const raw of relationships) {
    const where = label(raw);
    const r = Relationship.safeParse(raw.value);
    if (!r.success) {
      issues.push(...zodIssues(where, r.error));
      continue;
    }
    const rel = r.data;
    if (relIds.has(rel.id)) issues.push({ record: where, field: 'id', message: 'duplicate relationship id' });
    relIds.add(rel.id);
    const ends = ENDPOINTS[rel.type];
    for (const [field, id, allowed] of [
      ['source', rel.source, ends.from],
      ['target', rel.target, ends.to],
    ] as const) {
      const n = byId.get(id);
      if (!n) issues.push({ record: where, field, message: `no node with id "${id}"` });
      else if (!kindAllowed(n.kind, allowed))
        issues.push({
          record: where,
          field,
          message: `${rel.type} may not have a ${n.kind} here (allowed: ${allowed.join(', ')})`,
        });
    }
    if ('program' in rel && rel.program !== undefined && byId.get(rel.program)?.kind !== 'Program')
      issues.push({ record: where, field: 'program', message: `"${rel.program}" is not a Program node` });
    if ('deal' in rel && rel.deal !== undefined && byId.get(rel.deal)?.kind !== 'Deal')
      issues.push({ record: where, field: 'deal', message: `"${rel.deal}" is not a Deal node` });
    if ('amount' in rel && rel.amount !== undefined && !rel.currency)
      issues.push({ record: where, field: 'currency', message: 'an amount needs a currency' });
    checkSources(where, rel.sources);
    parsedRels.push(rel);
  }
  if (issues.length > 0) {
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new ValidationError(`${first.record}: field "${first.field}": ${first.message}${more}`, {
      where: first.record,
      hint: 'fix the record so that it fits the data model in server/model/model.ts',
      details: issues,
    });
  }
  return { nodes: parsedNodes, relationships: parsedRels };
}
