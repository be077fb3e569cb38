/**
 * End-to-end: the detail panel shows a joint deal as stated. Selecting Jinfeng Laboratory (by URL)
 * shows the city-district billion as ONE joint deal with its caveat and its two co-funders; selecting
 * the municipal government shows the same deal with the districts as co-participants. Headless
 * Chromium against the real server over the seeded embedded store; skipped without Chromium unless
 * CI=true.
 */
import { describe, expect, it } from 'vitest';
import { createSeededEmbeddedStore } from '../../server/store/embedded';
import { requireBrowser } from '../helpers/browser';
import { openClient, shot, waitIdle, useBrowserApp } from './support';

const skip = requireBrowser();
const DEAL = 'jinfeng-laboratory-city-district-investment-14th-fyp';

describe.skipIf(skip !== null)(
  `deals in the detail panel${skip ? ` (skipped: ${skip})` : ''}`,
  { timeout: 120_000 },
  () => {
    const app = useBrowserApp(createSeededEmbeddedStore);

    for (const [id, title, coParticipant] of [
      ['jinfeng-laboratory', 'Jinfeng Laboratory', 'Chongqing Municipal Government'],
      ['chongqing-municipal-government', 'Chongqing Municipal Government', 'district'],
    ] as const)
      it(`${title}: the joint deal with its stated total, caveat and co-participants`, async () => {
        const { page, errors } = await openClient(app.chromium.browser, `${app.server.url}/?sel=${id}`);
        await waitIdle(page);
        const panel = page.locator('#tabpanel-details');
        await expect.poll(() => panel.locator('h2').textContent()).toBe(title);
        const deal = panel.locator(`section.deals article[data-deal="${DEAL}"]`);
        await deal.waitFor();
        const text = (await deal.textContent()) ?? '';
        expect(text).toContain('joint allocation');
        expect(text).toContain('Stated total: 1 billion yuan');
        expect(text).toContain('14th Five-Year Plan period');
        expect(await deal.locator('.caveat').textContent()).toContain(
          'the fiscal investment of the city and district levels together',
        );
        const participants = await deal.locator('.deal-participants li').allTextContents();
        expect(participants).toHaveLength(2);
        expect(participants.join(' ')).toContain(coParticipant);
        for (const p of participants) expect(p).toContain('share not stated');
        await shot(page, `deal-${id}`);
        expect(errors).toEqual([]);
        await page.context().close();
      });
  },
);
