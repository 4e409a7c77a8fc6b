/** Opening one of the page's IndexedDB databases, which any browser may refuse; the stores build on what it opens. */
import { wrap, type IDBPDatabase } from 'idb';

export interface DatabaseRequest {
  /** Defaults to the page's indexedDB. */
  readonly factory: IDBFactory | undefined;
  readonly name: string;
  readonly version: number;
  /** Creates the object stores on first use. */
  readonly createStores: (db: IDBDatabase) => void;
  /** What the database keeps ('models', 'runs'), for the reason a newer page version gives. */
  readonly keeps: string;
}

/** `reason` completes the store's own sentence: "Runs cannot be kept in this browser: <reason>; …". */
export type DatabaseOpening = { readonly ok: true; readonly db: IDBPDatabase } | { readonly ok: false; readonly reason: string };

export function describeError(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}

/**
 * Opens (creating on first use) the database, or says why it cannot. Never throws.
 * The global is read inside the try: some browsers throw a SecurityError merely for touching it when storage is off.
 */
export async function openBrowserDatabase({ factory, name, version, createStores, keeps }: DatabaseRequest): Promise<DatabaseOpening> {
  const fail = (reason: string) => ({ ok: false, reason }) as const;
  try {
    const chosen: IDBFactory | undefined = factory ?? globalThis.indexedDB;
    if (!chosen) return fail('this browser has no IndexedDB');
    const request = chosen.open(name, version);
    request.addEventListener('upgradeneeded', () => createStores(request.result));
    const blocked = new Promise<'blocked'>((resolve) => request.addEventListener('blocked', () => resolve('blocked')));
    const opening = wrap(request) as Promise<IDBPDatabase>;
    const opened = await Promise.race([opening, blocked]);
    if (opened === 'blocked') {
      // The upgrade waits for the other tab; if it ever gets through, this page no longer wants the connection.
      opening.then((db) => db.close(), () => undefined);
      return fail('another tab has this page open with an older version (close it and reload)');
    }
    // Step aside when a newer version of the page, in another tab, needs to upgrade the database.
    opened.addEventListener('versionchange', () => opened.close());
    return { ok: true, db: opened };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError') return fail(`a newer version of this page keeps its ${keeps} here (reload it)`);
    return fail(`its storage could not be opened (${describeError(error)}), as happens in private browsing or with site data blocked`);
  }
}

type WriteTransaction = { abort(): void; readonly done: Promise<void>; readonly error: DOMException | null };

/** What one write came to: what its work returned, or why the transaction failed. */
export type WriteOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: unknown };

/**
 * Runs `work` in one readwrite transaction (`begin` opens it), so a failure (quota, a value the browser cannot store)
 * leaves the database as it was. The reason is the transaction's own error when it has one: requests still pending
 * when it aborts fail with a bare AbortError.
 */
export async function writeInOneTransaction<Tx extends WriteTransaction, T>(begin: () => Tx, work: (tx: Tx) => Promise<T>): Promise<WriteOutcome<T>> {
  let tx: Tx;
  try {
    tx = begin();
  } catch (error) {
    return { ok: false, reason: error };
  }
  try {
    const [value] = await Promise.all([work(tx), tx.done]);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, reason: await abortWrite(tx, error) };
  }
}

export function isStorageFull(reason: unknown): boolean {
  return reason instanceof DOMException && reason.name === 'QuotaExceededError';
}

/**
 * After a failed write: aborts the transaction if it is still open (one that aborted itself is what failed), waits
 * for it to end, and gives the reason to report — the transaction's own error when it has one.
 */
async function abortWrite(tx: WriteTransaction, error: unknown): Promise<unknown> {
  try {
    tx.abort();
  } catch {
    // Already finished: it aborted itself.
  }
  await tx.done.catch(() => undefined);
  return tx.error ?? error;
}
