/**
 * The overview service's jobs: each computation (a projection's communities, a layout, a grouping) runs
 * once per data version and key, is shared by the requests that ask for it meanwhile, and can be waited
 * for with a time limit.
 */

/** What a request sees of a job: done, still running, failed, or not asked for (off). */
export type Status = 'ready' | 'pending' | 'failed' | 'off';

/** A computation and, once it is done, its value (or that it failed). */
export interface Job<T> {
  promise: Promise<T>;
  value?: T;
  failed?: boolean;
}

/** The job of `key` in `jobs`, started with `make` when there is none. */
export function job<T>(jobs: Map<string, Job<unknown>>, key: string, make: () => Promise<T>): Job<T> {
  let j = jobs.get(key) as Job<T> | undefined;
  if (!j) {
    const created: Job<T> = { promise: Promise.resolve(undefined as T) };
    created.promise = make().then(
      (v) => {
        created.value = v;
        return v;
      },
      (e: unknown) => {
        created.failed = true;
        throw e;
      },
    );
    created.promise.catch(() => undefined);
    jobs.set(key, created);
    j = created;
  }
  return j;
}

/** Waits for a job at most `ms`; undefined when it is not done by then (or failed). */
export async function within<T>(j: Job<T>, ms: number): Promise<T | undefined> {
  if (j.value !== undefined || j.failed) return j.value;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([j.promise.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The status of a job (none yet: pending). */
export const statusOf = (j: Job<unknown> | undefined): Status =>
  !j ? 'pending' : j.failed ? 'failed' : j.value !== undefined ? 'ready' : 'pending';
