/**
 * Headless Chromium for the browser suites (end-to-end tests, the client bench): Debian's `chromium`
 * driven by playwright-core (never a downloaded browser). WebGL 2 comes from SwiftShader (ANGLE), so
 * sigma draws without a GPU.
 *
 * `browserAvailable()` tells whether it can run here; suites skip with its reason, except under
 * CI=true, where a missing browser must fail the run (`requireBrowser`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Where to find Chromium: CHROMIUM_PATH, else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  // WebGL 2 through SwiftShader: no GPU here, and Chromium refuses software WebGL without the flag
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--mute-audio',
];

/** Why the browser cannot run here, or null when it can. */
export function browserUnavailableReason(): string | null {
  if (!existsSync(CHROMIUM_PATH))
    return `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  const r = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) return `${CHROMIUM_PATH} --version failed: ${r.stderr || r.error?.message || r.status}`;
  return null;
}

/** True when Chromium is installed and starts. */
export function browserAvailable(): boolean {
  return browserUnavailableReason() === null;
}

/**
 * For suites: null when the browser can run; otherwise the reason to skip. Throws under CI=true,
 * where browser suites must not be skipped.
 */
export function requireBrowser(): string | null {
  const why = browserUnavailableReason();
  if (why && process.env.CI === 'true') throw new Error(`CI=true and the browser suites cannot run: ${why}`);
  return why;
}

export interface LaunchedBrowser {
  browser: Browser;
  /** a fresh context (its own storage); close the browser to close them all */
  newContext(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium. playwright-core gives every launch a fresh temporary profile
 * (user-data-dir) and removes it on close. `env` adds to the browser's environment (e.g. a
 * FONTCONFIG_FILE).
 */
export async function launchBrowser(env: Record<string, string> = {}): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    ...(Object.keys(env).length > 0 ? { env: { ...(process.env as Record<string, string>), ...env } } : {}),
  });
  return {
    browser,
    newContext: (options) => browser.newContext(options),
    close: () => browser.close().catch(() => undefined),
  };
}
