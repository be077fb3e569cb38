/**
 * `npm run generate -- --orgs N --seed S [--relationships R] [--out DIR]`: writes a synthetic
 * innovation ecosystem as CSV files (default folder data/synthetic/<N>-<S>) that
 * mappings/synthetic-ecosystem.yaml imports; deterministic for a seed. About 10 relationships per
 * organisation: --orgs 100 gives about 1k relationships, --orgs 100000 about 1M.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateEcosystem } from '../server/generate/synthetic';

const USAGE = 'usage: npm run generate -- --orgs N --seed S [--relationships R] [--out DIR]';

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        orgs: { type: 'string', default: '1000' },
        seed: { type: 'string', default: '1' },
        relationships: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const orgs = Number(values.orgs);
  const seed = Number(values.seed);
  const relationships = values.relationships === undefined ? undefined : Number(values.relationships);
  if (!Number.isInteger(orgs) || orgs < 20 || orgs > 5_000_000) {
    console.error(`--orgs must be a whole number from 20 to 5000000\n${USAGE}`);
    process.exit(2);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    console.error(`--seed must be a whole number from 0 to 4294967295\n${USAGE}`);
    process.exit(2);
  }
  if (
    relationships !== undefined &&
    (!Number.isInteger(relationships) || relationships < 1 || relationships > 50_000_000)
  ) {
    console.error(`--relationships must be a whole number from 1 to 50000000\n${USAGE}`);
    process.exit(2);
  }
  const dir = resolve(values.out ?? `data/synthetic/${orgs}-${seed}`);
  const started = Date.now();
  const r = generateEcosystem(dir, { orgs, seed, ...(relationships ? { relationships } : {}) });
  console.log(
    `wrote ${r.nodes.toLocaleString('en-US')} nodes and ${r.relationships.toLocaleString('en-US')} relationships (${r.rows.toLocaleString('en-US')} rows) to ${r.dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    `  nodes: ${Object.entries(r.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `  relationships: ${Object.entries(r.byType)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `import it: npm run import -- mappings/synthetic-ecosystem.yaml --data-dir ${values.out ?? `data/synthetic/${orgs}-${seed}`}`,
  );
}

main();
