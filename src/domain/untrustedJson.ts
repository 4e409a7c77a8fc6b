/**
 * Readers for JSON from a file the person chose, which may be hostile: only own data properties are read, so an inherited
 * property (constructor, toString…) never answers and a getter never runs.
 */

/** A JSON object: not null, not a list. */
export function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The container's own data property `key`, or undefined. */
export function own(container: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(container, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

/** A list's items, read with own(); callers check the length first, as a hostile list can be huge. */
export function items(list: readonly unknown[]): unknown[] {
  return Array.from({ length: list.length }, (_, i) => own(list, String(i)));
}
