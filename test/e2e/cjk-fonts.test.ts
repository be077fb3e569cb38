/**
 * Chinese glyphs render in the test browser (not as missing-glyph boxes): a seed entity's Chinese name
 * (山东省财政厅, an alias) is found through the search box and shown in the details panel, and each of
 * its characters is drawn, in the network labels' font stack and in the page's, as a glyph of its own,
 * unlike the box an unassigned code point gets. CI installs Debian's fonts-noto-cjk for it (.ci/run).
 * A control run of the same check in a Chromium whose fontconfig sees every font but the CJK ones
 * must find boxes: the check can fail.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { LABEL_FONT_FAMILY } from '../../client/view/labelFont';
import { createSeededEmbeddedStore } from '../../server/store/embedded';
import { launchBrowser, requireBrowser } from '../helpers/browser';
import { openClient, shot, useBrowserApp } from './support';

const skip = requireBrowser();
const NAME = '山东省财政厅';
/** code points no font has a glyph for: they show the missing-glyph box (.notdef) */
const UNASSIGNED = ['\u0378', '\u{10fffd}'];

/**
 * The characters of `text` that render as the missing-glyph box (or as nothing) in `family`: each
 * character is drawn on a canvas and its pixels are compared with those of unassigned code points;
 * distinct characters drawn alike are boxes too.
 */
function boxes(page: Page, text: string, family: string): Promise<string[]> {
  return page.evaluate(
    async ({ text, family, unassigned }) => {
      await document.fonts.load(`40px ${family}`, text);
      const c = document.createElement('canvas');
      c.width = c.height = 64;
      const ctx = c.getContext('2d', { willReadFrequently: true })!;
      const glyph = (ch: string) => {
        ctx.clearRect(0, 0, 64, 64);
        ctx.font = `40px ${family}`;
        ctx.textBaseline = 'top';
        ctx.fillStyle = '#000';
        ctx.fillText(ch, 4, 4);
        const d = ctx.getImageData(0, 0, 64, 64).data;
        let ink = 0;
        let hash = 0;
        for (let i = 3; i < d.length; i += 4) {
          if (d[i]! > 0) ink++;
          hash = (Math.imul(hash, 31) + d[i]!) | 0;
        }
        return { ink, sig: `${hash}/${ctx.measureText(ch).width.toFixed(2)}` };
      };
      const tofu = new Set(unassigned.map((ch) => glyph(ch).sig));
      const chars = [...new Set(text)];
      const drawn = chars.map((ch) => ({ ch, ...glyph(ch) }));
      const seen = new Map<string, number>();
      for (const g of drawn) seen.set(g.sig, (seen.get(g.sig) ?? 0) + 1);
      return drawn.filter((g) => g.ink === 0 || tofu.has(g.sig) || seen.get(g.sig)! > 1).map((g) => g.ch);
    },
    { text, family, unassigned: UNASSIGNED },
  );
}

/** A fontconfig file that sees every font file of the system except the CJK ones. */
function fontconfigWithoutCjk(dir: string): string {
  const fonts = join(dir, 'fonts');
  mkdirSync(fonts);
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
    );
  let i = 0;
  for (const root of ['/usr/share/fonts', '/usr/local/share/fonts'])
    try {
      for (const f of walk(root))
        if (/\.(ttf|otf|ttc|pfb)$/i.test(f) && !/cjk|wqy|droid|arphic|ukai|uming|han/i.test(f))
          symlinkSync(f, join(fonts, `${i++}-${f.split('/').pop()}`));
    } catch {
      /* no such folder */
    }
  const conf = join(dir, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${fonts}</dir><cachedir>${join(dir, 'cache')}</cachedir></fontconfig>\n`,
  );
  return conf;
}

describe.skipIf(skip !== null)(`Chinese glyphs in Chromium${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const app = useBrowserApp(createSeededEmbeddedStore);
  const tmp = mkdtempSync(join(tmpdir(), 'innograph-fonts-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it(`draws each character of ${NAME} as its own glyph in the label and page fonts`, async () => {
    const { page, errors } = await openClient(app.chromium.browser, app.server.url);
    const input = page.getByRole('combobox', { name: /Search entities/ });
    await input.pressSequentially(NAME, { delay: 20 });
    await page
      .getByRole('option', { name: /Shandong Provincial Department of Finance/ })
      .first()
      .waitFor();
    await input.press('Enter');
    await page.waitForFunction(() => window.innograph!.selected() === 'shandong-provincial-department-of-finance');
    await expect.poll(() => page.locator('#tabpanel-details').textContent()).toContain(NAME);
    expect(await boxes(page, NAME, LABEL_FONT_FAMILY)).toEqual([]);
    const pageFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(await boxes(page, NAME, pageFont)).toEqual([]);
    await shot(page, '30-cjk-name-in-details');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('the same check finds boxes in a Chromium without the CJK fonts', async () => {
    const bare = await launchBrowser({ FONTCONFIG_FILE: fontconfigWithoutCjk(tmp) });
    try {
      const page = await (await bare.newContext()).newPage();
      await page.setContent('<!doctype html><meta charset="utf-8"><body>x</body>');
      expect(await boxes(page, NAME, LABEL_FONT_FAMILY)).toEqual([...NAME]);
      // and Latin still draws: the control browser has fonts, only not the CJK ones
      expect(await boxes(page, 'Shandong', LABEL_FONT_FAMILY)).toEqual([]);
    } finally {
      await bare.close();
    }
  }, 120_000);
});
