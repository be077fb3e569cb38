/**
 * Answers that read the whole graph (stats, datasets) kept per data version (server/store/neo4j/overview.ts
 * version: counts and this process's writes) and for at most MEMO_MS, so the client's start-up calls
 * cost a count-store lookup, not a scan, while the data is unchanged (the age bound covers writes by
 * other processes that keep the counts).
 */
const MEMO_MS = 60_000;

export class PerVersion {
  private readonly memo = new Map<string, { version: string; at: number; value: Promise<unknown> }>();

  constructor(private readonly version: () => Promise<string>) {}

  async get<T>(name: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.version();
    const m = this.memo.get(name);
    if (m && m.version === version && Date.now() - m.at < MEMO_MS) return m.value as Promise<T>;
    const value = compute();
    this.memo.set(name, { version, at: Date.now(), value });
    value.catch(() => {
      if (this.memo.get(name)?.value === value) this.memo.delete(name);
    });
    return value;
  }
}
