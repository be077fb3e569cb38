/**
 * A small admission gate: at most `concurrency` holders at once and at most `queue` waiting for a turn;
 * a caller beyond that, or one that waits longer than `maxWaitMs`, gets TooManyQueriesError (429 with
 * Retry-After). Used by the Cypher console so that a burst of user queries never takes more than its
 * share of Neo4j or of this process.
 */
import { TooManyQueriesError } from '../errors';

interface Waiter {
  grant: () => void;
  fail: (e: Error) => void;
}

const abortReason = (signal: AbortSignal | undefined): Error =>
  signal?.reason instanceof Error ? signal.reason : new Error('aborted');

/** Releases a slot taken from a Gate (idempotent). */
export type Release = () => void;

export class Gate {
  readonly concurrency: number;
  readonly queue: number;
  readonly maxWaitMs: number;
  #active = 0;
  readonly #waiting: Waiter[] = [];

  constructor(options: { concurrency: number; queue: number; maxWaitMs: number }) {
    this.concurrency = options.concurrency;
    this.queue = options.queue;
    this.maxWaitMs = options.maxWaitMs;
  }

  /** Holders right now. */
  get active(): number {
    return this.#active;
  }

  /** Callers waiting for a turn right now. */
  get waiting(): number {
    return this.#waiting.length;
  }

  #busy(what: string): TooManyQueriesError {
    return new TooManyQueriesError(`${what}: ${this.concurrency} queries run at once and ${this.queue} may wait`, {
      where: 'POST /api/cypher',
      retryAfterSeconds: Math.max(1, Math.ceil(this.maxWaitMs / 1000)),
      hint: 'retry after the time in the Retry-After header (CYPHER_CONCURRENCY and CYPHER_QUEUE set these limits)',
    });
  }

  /** Waits for a slot; rejects when the queue is full, the wait is too long, or `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.#active < this.concurrency) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    if (this.#waiting.length >= this.queue) return Promise.reject(this.#busy('too many queries'));
    return new Promise<Release>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.#waiting.indexOf(waiter);
        if (i >= 0) this.#waiting.splice(i, 1);
      };
      const waiter: Waiter = {
        grant: () => {
          done();
          this.#active++;
          resolve(this.#releaser());
        },
        fail: (e) => {
          done();
          reject(e);
        },
      };
      const timer = setTimeout(() => waiter.fail(this.#busy(`no turn within ${this.maxWaitMs} ms`)), this.maxWaitMs);
      const onAbort = () => waiter.fail(abortReason(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#waiting[0]?.grant();
    };
  }
}
