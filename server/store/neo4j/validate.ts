/**
 * Record checks of the Neo4j store's writes: each node / relationship is parsed with the zod model
 * (plus the per-record rule of validateGraph that an amount needs a currency) before anything is
 * written. Errors name the record and the field in validateGraph's format, with every issue in
 * `details`. Cross-record checks (ends that exist) are the store's: missing ends are reported in
 * `missingEndpoints`. A record the model's schemas already parsed in this process (model/parsed.ts: the
 * importer's) is not parsed again.
 */
import { ValidationError } from '../../errors';
import { Node, Relationship } from '../../model/model';
import type { RecordIssue } from '../../model/validate';
import { isParsed } from '../../model/parsed';

function recordLabel(list: string, i: number, value: unknown): string {
  const id = value && typeof value === 'object' && 'id' in value && typeof value.id === 'string' ? value.id : undefined;
  return id ? `${list}[${i}] (${id})` : `${list}[${i}]`;
}

function fail(issues: RecordIssue[]): never {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new ValidationError(`${first.record}: field "${first.field}": ${first.message}${more}`, {
    where: first.record,
    hint: 'fix the record so that it fits the data model in server/model/model.ts',
    details: issues,
  });
}

/** Parses nodes; throws one ValidationError listing every issue. `offset` numbers records within a graph. */
export function checkNodes(nodes: readonly unknown[], offset = 0): Node[] {
  const issues: RecordIssue[] = [];
  const out: Node[] = [];
  nodes.forEach((value, i) => {
    if (isParsed(value)) return void out.push(value as Node);
    const r = Node.safeParse(value);
    if (r.success) out.push(r.data);
    else
      for (const issue of r.error.issues)
        issues.push({
          record: recordLabel('nodes', offset + i, value),
          field: issue.path.join('.') || '(record)',
          message: issue.message,
        });
  });
  if (issues.length > 0) fail(issues);
  return out;
}

/** Parses relationships; throws one ValidationError listing every issue. */
export function checkRelationships(rels: readonly unknown[], offset = 0): Relationship[] {
  const issues: RecordIssue[] = [];
  const out: Relationship[] = [];
  rels.forEach((value, i) => {
    const r = isParsed(value) ? { success: true as const, data: value as Relationship } : Relationship.safeParse(value);
    if (!r.success) {
      const where = recordLabel('relationships', offset + i, value);
      for (const issue of r.error.issues)
        issues.push({ record: where, field: issue.path.join('.') || '(record)', message: issue.message });
      return;
    }
    if ('amount' in r.data && r.data.amount !== undefined && !r.data.currency)
      issues.push({
        record: recordLabel('relationships', offset + i, value),
        field: 'currency',
        message: 'an amount needs a currency',
      });
    out.push(r.data);
  });
  if (issues.length > 0) fail(issues);
  return out;
}
