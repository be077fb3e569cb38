/**
 * Cooperative passes over a large projection: the overview's passes run on the event loop, so at 1M
 * relationships each lets other requests in every PAUSE_EVERY items rather than hold the loop for
 * seconds.
 */

/** Items a pass handles between two pauses. */
export const PAUSE_EVERY = 20_000;

/** Lets the event loop run (timers, I/O, other requests) before going on. */
export const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Calls `f` on each item, pausing every `every` items. */
export async function each<T>(items: Iterable<T>, f: (item: T) => void, every = PAUSE_EVERY): Promise<void> {
  let i = 0;
  for (const item of items) {
    f(item);
    if (++i % every === 0) await pause();
  }
}
