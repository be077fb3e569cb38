import { describe, expect, it } from 'vitest';
import { EDGE_MARGIN, LABEL_GAP, labelSide } from './labelSide';

describe('label side', () => {
  const W = 800;

  it('keeps a label on the right while it fits in the canvas', () => {
    expect(labelSide(100, 5, 120, W)).toBe('right');
    // ends exactly at the margin
    expect(labelSide(W - EDGE_MARGIN - 120 - LABEL_GAP - 5, 5, 120, W)).toBe('right');
  });

  it('moves a label that would cross the right edge to the left', () => {
    expect(labelSide(W - EDGE_MARGIN - 120 - LABEL_GAP - 5 + 1, 5, 120, W)).toBe('left');
    expect(labelSide(W - 10, 8, 200, W)).toBe('left');
    // a node past the edge: its label on the left comes into the canvas
    expect(labelSide(W + 20, 8, 50, W)).toBe('left');
  });

  it('keeps the right when the left has less room (a label wider than the canvas)', () => {
    expect(labelSide(300, 5, 2000, W)).toBe('right');
    expect(labelSide(500, 5, 2000, W)).toBe('left');
    expect(labelSide(200, 5, 2000, W)).toBe('right');
  });
});
