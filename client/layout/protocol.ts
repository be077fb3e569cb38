/** Messages between the layout controller (main thread) and the layout worker. */
import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';

export type ToWorker =
  | {
      type: 'init';
      /** x, y of node i at 2i, 2i+1 */
      xy: Float32Array;
      /** node sizes in graph units (for noverlap) */
      sizes: Float32Array;
      /** source, target index of edge j at 2j, 2j+1 */
      edges: Uint32Array;
      /** 1 for a node the layout must not move (pinned, or outside the part laid out) */
      fixed: Uint8Array;
      settings: ForceAtlas2Settings;
    }
  /** node i is pinned at x, y (dragged there while the layout runs) */
  | { type: 'pin'; index: number; x: number; y: number }
  /** runs FA2 for `iterations` (null: until `stop`), then noverlap when `noverlap` is set */
  | { type: 'run'; iterations: number | null; noverlap: boolean }
  | { type: 'stop' }
  | { type: 'noverlap' }
  /** the main thread drew the last positions: the worker may send the next (backpressure) */
  | { type: 'ack' };

export type FromWorker =
  | { type: 'positions'; xy: Float32Array; iterations: number; running: boolean }
  | { type: 'done'; iterations: number; ms: number; reason: 'iterations' | 'stopped' | 'noverlap' };
