/**
 * The settings of the HTTP edges, checked at start-up: TRUST_PROXY takes what Express's `trust proxy`
 * takes (and nothing else), SHUTDOWN_GRACE_MS defaults to the longest query timeout plus 5 s and may
 * not be shorter than it, IMPORT_REPORT_DIR has a default.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, shutdownGraceMs } from '../../server/config';

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['2', 2],
    ['loopback', ['loopback']],
    ['10.0.0.1, 192.168.0.0/16,uniquelocal', ['10.0.0.1', '192.168.0.0/16', 'uniquelocal']],
    ['::1, fd00::/8', ['::1', 'fd00::/8']],
  ])('%s → %j', (given, expected) => {
    expect(parseConfig(given === undefined ? {} : { TRUST_PROXY: given }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['proxy.example.org', '10.0.0.1/33', '10.0.0.300', 'loopback, nope', '1.2.3.4/8/9'])(
    'refuses %s, naming the variable',
    (given) => {
      expect(() => parseConfig({ TRUST_PROXY: given })).toThrow(/TRUST_PROXY: not a proxy address/);
    },
  );
});

describe('SHUTDOWN_GRACE_MS', () => {
  it('defaults to the longest query timeout plus 5 s', () => {
    expect(shutdownGraceMs(parseConfig({}))).toBe(15_000);
    expect(shutdownGraceMs(parseConfig({ CYPHER_TIMEOUT_MS: '30000' }))).toBe(35_000);
    expect(shutdownGraceMs(parseConfig({ SHUTDOWN_GRACE_MS: '60000' }))).toBe(60_000);
  });

  it('may not be shorter than the longest query timeout', () => {
    expect(() => parseConfig({ SHUTDOWN_GRACE_MS: '9999' })).toThrow(/SHUTDOWN_GRACE_MS: must be at least/);
    expect(() => parseConfig({ SHUTDOWN_GRACE_MS: 'soon' })).toThrow(/SHUTDOWN_GRACE_MS/);
  });
});

it('IMPORT_REPORT_DIR defaults to import-reports', () => {
  expect(parseConfig({}).IMPORT_REPORT_DIR).toBe('import-reports');
});
