/**
 * Export and import as text: tables as CSV, the network as GEXF 1.3 (with viz colours, sizes and
 * positions), node positions as JSON.
 */

/** One CSV cell (RFC 4180 quoting; text that a spreadsheet would run as a formula is prefixed with '). */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') s = v;
  else s = JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A CSV document with a header row; lines end with CRLF. */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const xml = (s: string): string =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    // characters XML 1.0 forbids
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

export interface GexfNode {
  id: string;
  label: string;
  kind: string;
  x: number;
  y: number;
  size: number;
  color: string;
}

export interface GexfEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  weight?: number | null;
  amount?: number | null;
  currency?: string | null;
  year?: number | null;
}

function rgb(color: string): { r: number; g: number; b: number } {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(color);
  if (!m) return { r: 128, g: 128, b: 128 };
  return { r: parseInt(m[1]!, 16), g: parseInt(m[2]!, 16), b: parseInt(m[3]!, 16) };
}

/** A GEXF 1.3 document of a directed multigraph with node kinds, edge types and amounts. */
export function toGexf(nodes: readonly GexfNode[], edges: readonly GexfEdge[], title = 'Innograph'): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `  <meta><creator>Innograph</creator><description>${xml(title)}</description></meta>`,
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node"><attribute id="kind" title="kind" type="string"/></attributes>',
    '    <attributes class="edge">',
    '      <attribute id="type" title="type" type="string"/>',
    '      <attribute id="amount" title="amount" type="double"/>',
    '      <attribute id="currency" title="currency" type="string"/>',
    '      <attribute id="year" title="year" type="integer"/>',
    '    </attributes>',
    '    <nodes>',
  ];
  for (const n of nodes) {
    const c = rgb(n.color);
    out.push(
      `      <node id="${xml(n.id)}" label="${xml(n.label)}">`,
      `        <attvalues><attvalue for="kind" value="${xml(n.kind)}"/></attvalues>`,
      `        <viz:color r="${c.r}" g="${c.g}" b="${c.b}"/>`,
      `        <viz:position x="${+n.x.toFixed(4)}" y="${+n.y.toFixed(4)}" z="0"/>`,
      `        <viz:size value="${+n.size.toFixed(3)}"/>`,
      '      </node>',
    );
  }
  out.push('    </nodes>', '    <edges>');
  for (const e of edges) {
    const vals = [`<attvalue for="type" value="${xml(e.type)}"/>`];
    if (typeof e.amount === 'number') vals.push(`<attvalue for="amount" value="${e.amount}"/>`);
    if (e.currency) vals.push(`<attvalue for="currency" value="${xml(e.currency)}"/>`);
    if (typeof e.year === 'number') vals.push(`<attvalue for="year" value="${e.year}"/>`);
    const weight = typeof e.weight === 'number' ? ` weight="${e.weight}"` : '';
    out.push(
      `      <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}" label="${xml(e.type)}"${weight}>`,
      `        <attvalues>${vals.join('')}</attvalues>`,
      '      </edge>',
    );
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}

export interface PositionsFile {
  format: 'innograph-positions';
  version: 1;
  positions: Record<string, [number, number]>;
}

/** Node positions as a JSON document. */
export function positionsToJson(positions: ReadonlyMap<string, { x: number; y: number }>): string {
  const doc: PositionsFile = { format: 'innograph-positions', version: 1, positions: {} };
  for (const [id, p] of positions) doc.positions[id] = [+p.x.toFixed(4), +p.y.toFixed(4)];
  return JSON.stringify(doc, null, 1);
}

/** Reads a positions document (ours, or a plain `{id: {x, y}}` / `{id: [x, y]}` map). */
export function parsePositions(
  text: string,
): { ok: true; positions: Map<string, { x: number; y: number }> } | { ok: false; error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  if (typeof v !== 'object' || v === null) return { ok: false, error: 'expected a JSON object' };
  const obj = v as Record<string, unknown>;
  const raw = (obj.format === 'innograph-positions' ? obj.positions : obj) as Record<string, unknown> | undefined;
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: 'no "positions" object' };
  const positions = new Map<string, { x: number; y: number }>();
  for (const [id, p] of Object.entries(raw)) {
    let x: unknown;
    let y: unknown;
    if (Array.isArray(p)) [x, y] = p as unknown[];
    else if (typeof p === 'object' && p !== null) ({ x, y } = p as { x?: unknown; y?: unknown });
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y))
      positions.set(id, { x, y });
  }
  if (positions.size === 0) return { ok: false, error: 'no node positions found' };
  return { ok: true, positions };
}
