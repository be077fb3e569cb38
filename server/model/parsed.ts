/**
 * Records already parsed by the model's zod schemas in this process (the importer's build step), so
 * that a store's write path need not parse them again. Only a schema's own output is marked: the mark
 * is an object identity, never a property a client could send.
 */
const parsed = new WeakSet<object>();

/** Marks `record` (the output of a Node / Relationship schema's parse) as parsed; returns it. */
export function markParsed<T extends object>(record: T): T {
  parsed.add(record);
  return record;
}

/** Whether `value` is a record marked by markParsed. */
export const isParsed = (value: unknown): boolean => typeof value === 'object' && value !== null && parsed.has(value);
