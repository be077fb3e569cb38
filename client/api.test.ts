import { describe, expect, it } from 'vitest';
import { ApiError, createApi, queryString } from './api';

function fakeFetch(status: number, body: unknown, type = 'application/json') {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (url: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: url instanceof Request ? url.url : url.toString(), init });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return Promise.resolve(new Response(text, { status, headers: { 'content-type': type } }));
  };
  return { calls, impl: impl };
}

describe('API client', () => {
  it('builds query strings with lists and without empty values', () => {
    expect(queryString({ q: '金凤', kinds: ['Lab', 'Fund'], limit: 8, x: undefined, y: '', z: [] })).toBe(
      '?q=%E9%87%91%E5%87%A4&kinds=Lab,Fund&limit=8',
    );
    expect(queryString({})).toBe('');
  });

  it('calls the endpoints and returns the JSON', async () => {
    const f = fakeFetch(200, { items: [] });
    const api = createApi('http://x', f.impl);
    await expect(api.search({ q: 'Jinfeng', limit: 8 })).resolves.toEqual({ items: [] });
    await api.neighborhood('jinfeng-laboratory', { depth: 1, limit: 200 });
    await api.paths({ from: 'a', to: 'b', maxHops: 4, types: ['FUNDS'] });
    await api.cypher({ query: 'RETURN 1' });
    expect(f.calls.map((c) => c.url)).toEqual([
      'http://x/api/search?q=Jinfeng&limit=8',
      'http://x/api/entities/jinfeng-laboratory/neighborhood?depth=1&limit=200',
      'http://x/api/paths?from=a&to=b&maxHops=4&types=FUNDS',
      'http://x/api/cypher',
    ]);
    expect(f.calls[3]!.init.method).toBe('POST');
    expect(f.calls[3]!.init.body).toBe('{"query":"RETURN 1","params":{}}');
  });

  it('turns problem+json into an ApiError with the hint', async () => {
    const problem = {
      type: 'https://innograph.dev/problems/not-supported',
      title: 'Not Implemented',
      status: 501,
      code: 'NOT_SUPPORTED',
      detail: 'Cypher queries need the Neo4j store',
      hint: 'set NEO4J_URI',
    };
    const api = createApi('', fakeFetch(501, problem, 'application/problem+json').impl);
    const err = (await api.cypher({ query: 'RETURN 1' }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 501, code: 'NOT_SUPPORTED', title: 'Not Implemented', hint: 'set NEO4J_URI' });
  });

  it('reports replies that are not problems, bad JSON and network failures', async () => {
    const html = await createApi('', fakeFetch(502, '<html>Bad gateway</html>', 'text/html').impl)
      .stats()
      .catch((e: unknown) => e as ApiError);
    expect(html).toMatchObject({ status: 502, code: 'HTTP_ERROR' });
    const bad = await createApi('', fakeFetch(200, 'not json', 'text/plain').impl)
      .stats()
      .catch((e: unknown) => e as ApiError);
    expect(bad).toMatchObject({ code: 'BAD_REPLY' });
    const down = await createApi('', () => Promise.reject(new TypeError('fetch failed')))
      .stats()
      .catch((e: unknown) => e as ApiError);
    expect(down).toMatchObject({ status: 0, code: 'NETWORK' });
  });
});
