/**
 * Building blocks of the synthetic ecosystem generator (synthetic.ts): a seeded random source that
 * gives the same numbers on every platform, picks weighted by fixed weights, and a CSV file written
 * in chunks.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** xoshiro128** seeded through splitmix32: fast, good and the same on every platform. */
export class Rng {
  private s: Uint32Array;
  constructor(seed: number) {
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s = new Uint32Array([next(), next(), next(), next()]);
  }
  /** uniform in [0, 1) */
  next(): number {
    const s = this.s;
    const r = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return r / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** standard normal (Box-Muller) */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** lognormal with the given median and log standard deviation */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
  /** Pareto with minimum 1 and tail index alpha */
  pareto(alpha: number): number {
    return Math.pow(1 - this.next(), -1 / alpha);
  }
}
const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Picks indices with probability proportional to fixed weights (cumulative sums, binary search). */
export class Weighted {
  private cum: Float64Array;
  constructor(
    readonly items: Int32Array,
    weights: (i: number) => number,
  ) {
    this.cum = new Float64Array(items.length);
    let acc = 0;
    for (let i = 0; i < items.length; i++) {
      acc += weights(items[i]!);
      this.cum[i] = acc;
    }
  }
  get size(): number {
    return this.items.length;
  }
  pick(rng: Rng): number {
    const total = this.cum[this.cum.length - 1]!;
    const x = rng.next() * total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** A CSV file written in chunks. */
export class CsvOut {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  rows = 0;
  constructor(path: string, header: string[]) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, header.join(',') + '\n');
  }
  row(cells: (string | number)[]): void {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      const s = typeof c === 'number' ? String(c) : /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
      line += i === 0 ? s : ',' + s;
    }
    this.buf.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size > 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.buf.length === 0) return;
    writeSync(this.fd, this.buf.join('\n') + '\n');
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
