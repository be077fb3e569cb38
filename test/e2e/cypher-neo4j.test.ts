/**
 * The Cypher console against the real Neo4j (from test/setup/neo4j.ts, seeded here), in headless
 * Chromium: a query typed in the console and run with Ctrl+Enter gives rows in a table and a graph.
 * Skipped without Neo4j (never in CI); without Chromium skipped too, except with CI=true.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { readSeed } from '../../server/data/seed';
import { createNeo4jStore } from '../../server/store/neo4j';
import type { GraphStore } from '../../server/store/store';
import { launchBrowser, requireBrowser, type LaunchedBrowser } from '../helpers/browser';
import { describeNeo4j, neo4jUri } from '../helpers/neo4j';
import { canvasInk, ensureClientBuilt, openClient, serveApp, shot, type TestServer } from './support';

const noBrowser = requireBrowser();

describeNeo4j('Cypher console on Neo4j (Chromium)', () => {
  let store: GraphStore;
  let server: TestServer;
  let chromium: LaunchedBrowser;

  beforeAll(async () => {
    if (noBrowser) return;
    await ensureClientBuilt();
    store = createNeo4jStore(parseConfig({ NEO4J_URI: neo4jUri() ?? undefined }));
    await store.applySchema();
    await store.clear();
    await store.upsertGraph(readSeed());
    server = await serveApp(store);
    chromium = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    await store?.close();
  });

  it.skipIf(noBrowser !== null)(
    `runs a query from the console: rows in a table and a graph${noBrowser ? ` (skipped: ${noBrowser})` : ''}`,
    async () => {
      const { page, errors } = await openClient(chromium.browser, `${server.url}/?tab=console`);
      const editor = page.getByRole('textbox', { name: /Cypher query/ });
      await editor.waitFor();
      // the server runs Neo4j: no "connect Neo4j" notice
      await page.waitForTimeout(500);
      expect(await page.locator('#tabpanel-console [data-testid=neo4j-explanation]').count()).toBe(0);
      await editor.fill(
        'MATCH (a)-[r:FUNDS|INVESTS_IN]->(b {id: $id})\nRETURN a.name AS funder, r.deal AS deal, b.name AS recipient, a, r, b\nORDER BY funder',
      );
      await page.getByRole('textbox', { name: 'Parameters as JSON' }).fill('{"id": "jinfeng-laboratory"}');
      await editor.press('Control+Enter');
      const summary = page.locator('[data-testid=cypher-summary]');
      await summary.waitFor({ timeout: 30_000 });
      expect(await summary.textContent()).toMatch(/^2 rows .* 3 nodes and 2 relationships/);
      const rows = page.locator('.console-results table.data tbody tr');
      expect(await rows.count()).toBe(2);
      const first = await rows.first().textContent();
      expect(first).toContain('Chongqing Municipal Government');
      // the billion is a joint deal of the city and the districts (seed/data/50-jinfeng.yaml)
      expect(first).toContain('jinfeng-laboratory-city-district-investment-14th-fyp');
      expect(first).toContain('Jinfeng Laboratory');
      const graph = page.locator('.console-results .mini-graph');
      await graph.locator('canvas').first().waitFor();
      await page.waitForTimeout(1500);
      expect((await canvasInk(page, '.console-results .mini-graph')).inked).toBeGreaterThan(0.005);
      await page.locator('.console-results').scrollIntoViewIfNeeded();
      await shot(page, '13-cypher-neo4j');
      // a refused query shows its error inline
      await editor.fill('MATCH (n) DETACH DELETE n');
      await editor.press('Control+Enter');
      const alert = page.locator('.console-results [role=alert]');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/Query failed/);
      expect(errors.filter((e) => !e.includes('status of 403'))).toEqual([]);
      await page.context().close();
    },
    120_000,
  );
});
