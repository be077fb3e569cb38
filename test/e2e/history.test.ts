/**
 * Back and Forward over the seed in headless Chromium: a search pick that switches the view is one
 * history entry (Back returns to the view it was picked from), and Forward to an entry with paths
 * runs and lists them again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createSeededEmbeddedStore } from '../../server/store/embedded';
import { requireBrowser } from '../helpers/browser';
import { openClient, useBrowserApp, waitIdle } from './support';

const skip = requireBrowser();

const selected = (page: Page) => page.evaluate(() => window.innograph!.selected());
const query = (page: Page) => new URL(page.url()).searchParams;

describe.skipIf(skip !== null)(`Back and Forward on the seed${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const app = useBrowserApp(createSeededEmbeddedStore);

  it('a search pick from the groups overview is one step: Back returns to the overview', async () => {
    const { page, errors } = await openClient(app.chromium.browser, `${app.server.url}/?view=groups`);
    expect(query(page).get('view')).toBe('groups');
    const input = page.getByRole('combobox', { name: /Search entities/ });
    await input.fill('Jinfeng');
    const option = page.locator('.topbar [role=option][data-id="jinfeng-laboratory"]').first();
    await option.waitFor({ timeout: 60_000 });
    await option.dispatchEvent('mousedown');
    await page.waitForFunction(() => window.innograph!.selected() === 'jinfeng-laboratory', null, { timeout: 60_000 });
    await waitIdle(page);
    expect(query(page).get('view')).not.toBe('groups');
    expect(query(page).get('sel')).toBe('jinfeng-laboratory');

    await page.goBack();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'groups', null, {
      timeout: 60_000,
    });
    await waitIdle(page);
    expect(query(page).get('sel')).toBeNull();
    expect(await selected(page)).toBeNull();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('Forward to an entry with paths runs them again and lists them', async () => {
    const { page, errors } = await openClient(app.chromium.browser, app.server.url);
    await page.getByRole('tab', { name: 'Paths' }).click();
    await page.getByRole('combobox', { name: 'Path from' }).fill('Shandong Provincial Government');
    await page.locator('#tabpanel-paths [role=option][data-id="shandong-provincial-government"]').first().click();
    await page.getByRole('combobox', { name: 'Path to' }).fill('Jinfeng Laboratory');
    await page.locator('#tabpanel-paths [role=option][data-id="jinfeng-laboratory"]').first().click();
    await page.getByRole('button', { name: 'Find paths' }).click();
    await page.locator('.path-list .step').first().waitFor({ timeout: 60_000 });
    await waitIdle(page);
    const found = await page.locator('.path-list > li').count();
    expect(found).toBeGreaterThan(0);
    expect(query(page).get('from')).toBe('shandong-provincial-government');

    await page.goBack();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('from'), null, { timeout: 60_000 });
    await waitIdle(page);
    expect(await page.locator('.path-list > li').count()).toBe(0);

    await page.goForward();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('to') === 'jinfeng-laboratory', null, {
      timeout: 60_000,
    });
    await page.locator('.path-list .step').first().waitFor({ timeout: 60_000 });
    await waitIdle(page);
    expect(await page.locator('.path-list > li').count()).toBe(found);
    expect(query(page).get('from')).toBe('shandong-provincial-government');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
