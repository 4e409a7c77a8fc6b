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

/** Far deeper than any model file nests (a Keras 3 model.json: about 10 levels), far shallower than makes JSON.parse slow. */
export const MAX_JSON_DEPTH = 100;

/**
 * Whether JSON text nests deeper than `limit`, counted without parsing it (brackets inside strings skipped). JSON.parse
 * takes seconds over a few megabytes of nothing but brackets (a million levels: 5.7 s), so a reader checks this first;
 * the scan takes milliseconds.
 */
export function nestsDeeperThan(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++; // a backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
}
