import { describe, expect, it } from 'vitest';
import { LARGE_VIEW_EDGES, LARGE_VIEW_NODES, sizeSettings } from './renderSettings';

describe('sizeSettings', () => {
  it('keeps edges drawn while panning a view of a few hundred nodes and thousands of edges', () => {
    // the focused view of a university on the NSF awards: 301 nodes, 2,534 edges
    const s = sizeSettings(301, 2534);
    expect(s).toMatchObject({ large: false, hideEdgesOnMove: false });
    expect(s.labelDensity).toBeGreaterThan(sizeSettings(10_000, 20_000).labelDensity);
  });

  it('hides edges while moving and thins labels past either threshold, not at it', () => {
    expect(sizeSettings(LARGE_VIEW_NODES, LARGE_VIEW_EDGES).hideEdgesOnMove).toBe(false);
    expect(sizeSettings(LARGE_VIEW_NODES + 1, 0)).toMatchObject({ large: true, hideEdgesOnMove: true });
    expect(sizeSettings(10, LARGE_VIEW_EDGES + 1)).toMatchObject({ large: true, hideEdgesOnMove: true });
    expect(sizeSettings(LARGE_VIEW_NODES + 1, 0).labelRenderedSizeThreshold).toBeGreaterThan(
      sizeSettings(LARGE_VIEW_NODES, 0).labelRenderedSizeThreshold,
    );
  });
});
