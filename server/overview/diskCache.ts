/**
 * The embedded store's layout cache: one JSON file per layout key and structure version in a folder
 * (LAYOUT_CACHE_DIR), written atomically (temporary file, then rename); older versions of a key removed.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayoutCache, LayoutPositions } from './types';

const safe = (s: string) => s.replace(/[^A-Za-z0-9,.-]+/g, '_').slice(0, 150);

export class DiskLayoutCache implements LayoutCache {
  constructor(private readonly dir: string) {}

  private file(key: string, version: string): string {
    return join(this.dir, `${safe(key)}@${safe(version)}.json`);
  }

  async read(key: string, version: string): Promise<LayoutPositions | undefined> {
    try {
      const v = JSON.parse(await readFile(this.file(key, version), 'utf8')) as LayoutPositions;
      if (Array.isArray(v.ids) && Array.isArray(v.x) && Array.isArray(v.y) && v.ids.length === v.x.length) return v;
    } catch {
      /* absent or unreadable: computed again */
    }
    return undefined;
  }

  async write(key: string, version: string, layout: LayoutPositions): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.file(key, version);
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(layout));
    await rename(tmp, target);
    const prefix = `${safe(key)}@`;
    for (const f of await readdir(this.dir))
      if (f.startsWith(prefix) && join(this.dir, f) !== target && f.endsWith('.json'))
        await rm(join(this.dir, f), { force: true });
  }
}
