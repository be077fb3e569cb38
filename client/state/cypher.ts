/**
 * The Cypher console's pure parts: a tokenizer for highlighting (the tokens put together give back the
 * text exactly) and the parameters editor's parser.
 */

export type TokenType =
  | 'keyword'
  | 'function'
  | 'label'
  | 'param'
  | 'string'
  | 'number'
  | 'comment'
  | 'variable'
  | 'operator'
  | 'punct'
  | 'space';

export interface Token {
  type: TokenType;
  text: string;
}

export const CYPHER_KEYWORDS = new Set(
  (
    'MATCH OPTIONAL WHERE RETURN WITH UNWIND ORDER BY SKIP LIMIT AS AND OR XOR NOT IN DISTINCT CALL YIELD UNION ALL ' +
    'CASE WHEN THEN ELSE END IS NULL TRUE FALSE EXISTS CONTAINS STARTS ENDS DESC DESCENDING ASC ASCENDING CREATE ' +
    'MERGE DELETE DETACH SET REMOVE FOREACH ON LOAD CSV USE SHOW COUNT'
  ).split(' '),
);

/** Keywords that are also functions when called: `count(x)`, `exists(...)`. */
const FUNCTION_WORDS = new Set(['COUNT', 'EXISTS']);

const RULES: [TokenType, RegExp][] = [
  ['space', /^\s+/],
  ['comment', /^\/\/[^\n]*/],
  ['comment', /^\/\*[\s\S]*?(\*\/|$)/],
  ['string', /^'(?:[^'\\]|\\.)*('|$)/],
  ['string', /^"(?:[^"\\]|\\.)*("|$)/],
  ['param', /^\$(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]*`?)/],
  ['number', /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/],
  ['variable', /^`[^`]*`?/],
  ['variable', /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\u00C0-\uFFFF]*/],
  ['operator', /^(?:<>|<=|>=|=~|->|<-|--|\.\.|[=<>+\-*/%^|])/],
  ['punct', /^[()[\]{}:,.;]/],
];

/** Splits Cypher text into tokens for highlighting. */
export function tokenizeCypher(text: string): Token[] {
  const out: Token[] = [];
  let rest = text;
  let prevSignificant: Token | null = null;
  while (rest.length > 0) {
    let matched: Token | null = null;
    for (const [type, re] of RULES) {
      const m = re.exec(rest);
      if (m && m[0].length > 0) {
        matched = { type, text: m[0] };
        break;
      }
    }
    matched ??= { type: 'punct', text: rest[0]! };
    if (matched.type === 'variable') {
      const after = rest.slice(matched.text.length);
      if (prevSignificant?.type === 'punct' && prevSignificant.text === ':') matched.type = 'label';
      else {
        const upper = matched.text.toUpperCase();
        const call = /^\s*\(/.test(after);
        if (call && (FUNCTION_WORDS.has(upper) || !CYPHER_KEYWORDS.has(upper))) matched.type = 'function';
        else if (CYPHER_KEYWORDS.has(upper)) matched.type = 'keyword';
      }
    }
    out.push(matched);
    if (matched.type !== 'space' && matched.type !== 'comment') prevSignificant = matched;
    rest = rest.slice(matched.text.length);
  }
  return out;
}

/** Parses the parameters editor: empty → {}; else a JSON object. */
export function parseParams(
  text: string,
): { ok: true; params: Record<string, unknown> } | { ok: false; error: string } {
  const t = text.trim();
  if (!t) return { ok: true, params: {} };
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch (e) {
    return { ok: false, error: `parameters are not valid JSON: ${(e as Error).message}` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { ok: false, error: 'parameters must be a JSON object, e.g. {"id": "jinfeng-laboratory"}' };
  return { ok: true, params: v as Record<string, unknown> };
}

/** Parameter names used in a query ($name), in order of first use. */
export function paramNames(query: string): string[] {
  const names: string[] = [];
  for (const t of tokenizeCypher(query))
    if (t.type === 'param') {
      const name = t.text.slice(1).replaceAll('`', '');
      if (!names.includes(name)) names.push(name);
    }
  return names;
}

/** Example queries for the console. */
export const CYPHER_EXAMPLES: { title: string; query: string; params?: string }[] = [
  {
    title: 'Who funds whom',
    query:
      'MATCH (a)-[r:FUNDS|INVESTS_IN]->(b)\nRETURN a.name AS funder, type(r) AS type, r.amount AS amount, b.name AS recipient, a, r, b\nORDER BY r.amount DESC\nLIMIT 25',
  },
  {
    title: 'Neighbours of an entity',
    query: 'MATCH (n {id: $id})-[r]-(m)\nRETURN n, r, m\nLIMIT 50',
    params: '{"id": "jinfeng-laboratory"}',
  },
  {
    title: 'Organisations by region',
    query:
      'MATCH (o:Organization)-[:LOCATED_IN]->(r:Region)\nRETURN r.name AS region, count(o) AS organisations\nORDER BY organisations DESC',
  },
];
