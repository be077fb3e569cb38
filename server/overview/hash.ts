/**
 * A hash of a graph's structure (node ids and kinds, relationship ends and types), independent of the
 * order the store lists them in: the version a cached layout is valid for.
 */
import { each } from './pause';
import type { Projection } from './types';

/** FNV-1a of a string with a given offset basis (32 bits). */
function fnv(s: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/** Order-independent: sums and xors of per-item hashes with two bases, plus the counts. */
export async function structureHash(p: Projection): Promise<string> {
  const acc = [0, 0, 0, 0];
  const add = (s: string) => {
    const a = fnv(s, 2166136261);
    const b = fnv(s, 0x9747b28c);
    acc[0] = (acc[0]! + a) >>> 0;
    acc[1] = (acc[1]! ^ b) >>> 0;
    acc[2] = (acc[2]! + b) >>> 0;
    acc[3] = (acc[3]! ^ a) >>> 0;
  };
  await each(p.nodes, (n) => add(`n\u0000${n.id}\u0000${n.kind}`));
  await each(p.edges, (e) => add(`e\u0000${e.id}\u0000${e.source}\u0000${e.target}\u0000${e.type}`));
  const hex = acc.map((v) => v.toString(16).padStart(8, '0')).join('');
  return `${p.nodes.length.toString(36)}-${p.edges.length.toString(36)}-${hex}`;
}
