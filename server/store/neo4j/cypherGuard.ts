/**
 * The first line of defence of the read-only Cypher endpoint: refuses, before anything runs, every
 * query that writes, loads files, changes the schema, administers the server, switches database,
 * batches transactions, holds several statements or calls a procedure outside a small allowlist.
 * A small tokenizer strips comments, string literals and backtick identifiers, then checks keywords
 * case-insensitively. Neo4j decodes `\uXXXX` escapes anywhere in a query (also in comments and
 * strings), so the query is checked both as written and with those escapes decoded.
 * The second line of defence is in the store: a READ transaction and an EXPLAIN whose query type
 * must be 'r'.
 */
import { QueryError } from '../../errors';

/** Procedures the endpoint may call (names are case-sensitive, as in Neo4j). */
export const ALLOWED_PROCEDURES: readonly string[] = [
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
];

/** What SHOW may list: schema and callable catalogue, never users, roles, databases or transactions. */
const SHOW_ALLOWED = new Set([
  'INDEX',
  'INDEXES',
  'CONSTRAINT',
  'CONSTRAINTS',
  'FUNCTION',
  'FUNCTIONS',
  'PROCEDURE',
  'PROCEDURES',
]);
const SHOW_MODIFIERS = new Set([
  'ALL',
  'RANGE',
  'FULLTEXT',
  'TEXT',
  'POINT',
  'VECTOR',
  'LOOKUP',
  'BTREE',
  'UNIQUE',
  'UNIQUENESS',
  'EXIST',
  'EXISTENCE',
  'NODE',
  'RELATIONSHIP',
  'REL',
  'KEY',
  'PROPERTY',
  'TYPE',
  'BUILT',
  'IN',
  'USER',
  'DEFINED',
]);

/** Clauses and commands refused wherever they stand as keywords. */
const REFUSED_KEYWORDS: Record<string, string> = {
  CREATE: 'CREATE writes (or creates schema / admin objects)',
  MERGE: 'MERGE writes',
  SET: 'SET writes',
  DELETE: 'DELETE writes',
  DETACH: 'DETACH DELETE writes',
  NODETACH: 'NODETACH DELETE writes',
  REMOVE: 'REMOVE writes',
  FOREACH: 'FOREACH writes',
  INSERT: 'INSERT writes',
  LOAD: 'LOAD CSV reads files',
  DROP: 'DROP changes the schema or the server',
  ALTER: 'ALTER administers the server',
  RENAME: 'RENAME administers the server',
  GRANT: 'GRANT administers privileges',
  DENY: 'DENY administers privileges',
  REVOKE: 'REVOKE administers privileges',
  TERMINATE: 'TERMINATE stops transactions',
  DEALLOCATE: 'DEALLOCATE administers the server',
  REALLOCATE: 'REALLOCATE administers the server',
  ENABLE: 'ENABLE SERVER administers the server',
  DRYRUN: 'DRYRUN administers the server',
  TRANSACTIONS: 'CALL { } IN TRANSACTIONS runs batched write transactions',
  PERIODIC: 'USING PERIODIC COMMIT writes',
};
/** Keywords refused only as the first word of a statement or subquery. */
const REFUSED_AT_START: Record<string, string> = {
  USE: 'USE switches database',
  START: 'START DATABASE administers the server',
  STOP: 'STOP DATABASE administers the server',
  CYPHER: 'query options (CYPHER ...) are not supported here',
  EXPLAIN: 'EXPLAIN is not supported here (the endpoint returns rows)',
  PROFILE: 'PROFILE is not supported here (the endpoint returns rows)',
};
/** Tokens after which a pattern variable's name ends: `(n)`, `(n:Lab)`, `(n {…})`, `[r]`, `[r:T]`, `[r*1..2]`. */
const DECLARATION_END = new Set([')', ':', ']', '{', '*']);
/**
 * Tokens after which only an expression may follow, never a clause: there a declared name that looks
 * like a keyword (`RETURN set`, `ORDER BY load`, `x = delete`) is the name. `{`, `|` and CASE branches
 * are not among them (subqueries, FOREACH and conditional queries hold clauses).
 */
const EXPRESSION_BEFORE = new Set([
  ',',
  '(',
  '[',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '=',
  '<',
  '>',
  'RETURN',
  'WITH',
  'AND',
  'OR',
  'XOR',
  'NOT',
  'IN',
  'WHERE',
  'BY',
  'UNWIND',
  'DISTINCT',
]);
/** Namespaces whose functions are refused (they can run arbitrary Cypher or administer). */
const REFUSED_FUNCTION_NAMESPACES = new Set(['apoc', 'dbms', 'gds']);

const HINT =
  'the Cypher endpoint runs one read-only statement: MATCH / OPTIONAL MATCH / WITH / UNWIND / RETURN, ' +
  `CALL subqueries and the procedures ${ALLOWED_PROCEDURES.join(', ')}`;

function refuse(what: string): never {
  throw new QueryError('QUERY_REFUSED', `Cypher refused: ${what}`, { where: 'body field "query"', hint: HINT });
}

type TokenKind = 'word' | 'quoted' | 'string' | 'param' | 'punct';
interface Token {
  kind: TokenKind;
  /** word text without format characters, upper-cased for words; raw text otherwise */
  upper: string;
  /** the name as written (words, backtick identifiers), used for procedure names */
  text: string;
}

const WORD_CHAR = /[\p{L}\p{N}\p{Pc}\p{Mn}\p{Mc}\p{Cf}_]/u;
const FORMAT_CHARS = /\p{Cf}/gu;

/** Splits a query into tokens; comments are dropped, string and backtick contents kept opaque. */
export function tokenize(query: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i]!;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && query[i + 1] === '/') {
      while (i < n && query[i] !== '\n' && query[i] !== '\r') i++;
      continue;
    }
    if (c === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      if (end < 0) refuse('an unterminated /* comment');
      i = end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const d = query[j]!;
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === c) {
          closed = true;
          break;
        }
        j++;
      }
      if (!closed) refuse('an unterminated string literal');
      out.push({ kind: 'string', upper: '', text: query.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      let j = i + 1;
      let name = '';
      let closed = false;
      while (j < n) {
        if (query[j] === '`') {
          if (query[j + 1] === '`') {
            name += '`';
            j += 2;
            continue;
          }
          closed = true;
          break;
        }
        name += query[j];
        j++;
      }
      if (!closed) refuse('an unterminated `identifier`');
      out.push({ kind: 'quoted', upper: name.toUpperCase(), text: name });
      i = j + 1;
      continue;
    }
    if (c === '\\') refuse('a backslash outside a string literal (escapes in names are not allowed)');
    if (c === '$') {
      let j = i + 1;
      if (query[j] === '`') {
        const end = query.indexOf('`', j + 1);
        if (end < 0) refuse('an unterminated `parameter`');
        j = end + 1;
      } else while (j < n && WORD_CHAR.test(query[j]!)) j++;
      out.push({ kind: 'param', upper: '', text: query.slice(i, j) });
      i = j;
      continue;
    }
    if (WORD_CHAR.test(c)) {
      let j = i;
      while (j < n && WORD_CHAR.test(query[j]!)) j++;
      const text = query.slice(i, j).replace(FORMAT_CHARS, '');
      out.push({ kind: 'word', upper: text.toUpperCase(), text });
      i = j;
      continue;
    }
    out.push({ kind: 'punct', upper: c, text: c });
    i++;
  }
  return out;
}

/** Decodes `\uXXXX` (and `\uuuuXXXX`, `\UXXXXXXXX`) escapes everywhere, as Neo4j's parser does. */
export function decodeUnicodeEscapes(query: string): string {
  return query
    .replace(/\\U([0-9a-fA-F]{8})/g, (m, hex: string) => {
      const cp = Number.parseInt(hex, 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    })
    .replace(/\\u+([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

/** Reads a dotted name starting at `i`; returns it and the index after it. */
function dottedName(tokens: Token[], i: number): { name: string; next: number } | undefined {
  if (!isName(tokens[i])) return undefined;
  const parts = [tokens[i].text];
  let j = i + 1;
  while (tokens[j]?.upper === '.' && isName(tokens[j + 1])) {
    parts.push(tokens[j + 1]!.text);
    j += 2;
  }
  return { name: parts.join('.'), next: j };
}

function checkTokens(tokens: Token[]): void {
  // several statements: a `;` followed by anything
  const semi = tokens.findIndex((t) => t.kind === 'punct' && t.upper === ';');
  if (semi >= 0 && semi < tokens.length - 1) refuse('several statements (only one statement may be sent)');
  const stmt = semi >= 0 ? tokens.slice(0, semi) : tokens;
  if (stmt.length === 0) refuse('an empty query');

  // names the query itself declares (aliases, pattern variables): keyword-like ones such as `load` or
  // `set` are identifiers where a clause cannot start
  const declared = new Set<string>();
  for (let i = 0; i < stmt.length; i++) {
    const t = stmt[i]!;
    if (t.kind !== 'word') continue;
    const prev = stmt[i - 1];
    const next = stmt[i + 1];
    // property keys, labels / types, map keys and parameters are names, not keywords
    if (prev && prev.kind === 'punct' && (prev.upper === '.' || prev.upper === ':')) continue;
    if (
      next &&
      next.kind === 'punct' &&
      next.upper === ':' &&
      prev &&
      prev.kind === 'punct' &&
      (prev.upper === '{' || prev.upper === ',')
    )
      continue;
    const kw = t.upper;
    // `AS load`, `(set)`, `(set:Lab)`, `[delete]`, `[r:T]`: a name being declared
    if (
      (prev?.kind === 'word' && prev.upper === 'AS') ||
      (prev?.kind === 'punct' &&
        (prev.upper === '(' || prev.upper === '[') &&
        next?.kind === 'punct' &&
        DECLARATION_END.has(next.upper))
    ) {
      declared.add(kw);
      continue;
    }
    if (declared.has(kw) && prev && EXPRESSION_BEFORE.has(prev.upper)) continue;
    const bad = REFUSED_KEYWORDS[kw];
    if (bad) refuse(`${kw} — ${bad}`);
    const atStart =
      prev === undefined ||
      (prev.kind === 'punct' && prev.upper === '{') ||
      (prev.kind === 'word' && (prev.upper === 'UNION' || prev.upper === 'ALL' || prev.upper === 'DISTINCT'));
    const badStart = REFUSED_AT_START[kw];
    if (badStart && atStart) refuse(`${kw} — ${badStart}`);
    if (kw === 'SHOW') {
      let j = i + 1;
      while (stmt[j]?.kind === 'word' && SHOW_MODIFIERS.has(stmt[j]!.upper)) j++;
      const target = stmt[j];
      if (!(target?.kind === 'word' && SHOW_ALLOWED.has(target.upper)))
        refuse(
          `SHOW ${target ? target.text : ''} — only SHOW INDEXES, CONSTRAINTS, FUNCTIONS and PROCEDURES are allowed`,
        );
    }
    if (kw === 'CALL') {
      const nx = stmt[i + 1];
      if (nx && nx.kind === 'punct' && (nx.upper === '{' || nx.upper === '(')) continue; // subquery
      const proc = dottedName(stmt, i + 1);
      if (!proc) refuse('CALL without a procedure name');
      if (!ALLOWED_PROCEDURES.includes(proc.name)) refuse(`CALL ${proc.name} — procedure not in the allowlist`);
      i = proc.next - 1;
      continue;
    }
    // namespaced function calls: ns.fn(...)
    if (next?.upper === '.' && (!prev || prev.upper !== '.')) {
      const fn = dottedName(stmt, i);
      if (fn && fn.next > i + 1 && stmt[fn.next]?.upper === '(') {
        const ns = fn.name.split('.')[0]!.toLowerCase();
        if (REFUSED_FUNCTION_NAMESPACES.has(ns)) refuse(`${fn.name}() — functions of ${ns}.* are not allowed`);
      }
    }
  }
  // backtick-quoted namespaced function calls, e.g. `apoc`.`cypher`.`run`(...)
  for (let i = 0; i < stmt.length; i++) {
    const t = stmt[i]!;
    if (t.kind !== 'quoted' || stmt[i - 1]?.upper === '.') continue;
    const fn = dottedName(stmt, i);
    if (fn && fn.next > i + 1 && stmt[fn.next]?.upper === '(') {
      const ns = fn.name.split('.')[0]!.toLowerCase();
      if (REFUSED_FUNCTION_NAMESPACES.has(ns)) refuse(`${fn.name}() — functions of ${ns}.* are not allowed`);
    }
  }
}

/**
 * Checks a query for the read-only Cypher endpoint. Throws QueryError('QUERY_REFUSED') saying what was
 * refused; returns the query to run (unchanged) when it passes.
 */
export function guardCypher(query: string): string {
  if (query.trim().length === 0) refuse('an empty query');
  checkTokens(tokenize(query));
  const decoded = decodeUnicodeEscapes(query);
  if (decoded !== query) {
    if (/\\u+[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}/.test(decoded)) refuse('nested unicode escapes');
    checkTokens(tokenize(decoded));
  }
  return query;
}
