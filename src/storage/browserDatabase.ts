/**
 * Room src/storage/: browser persistence, no React — one database module, a store per record kind, their schemas.
 * Opening one of the page's IndexedDB databases, which any browser may refuse; the stores build on what it opens.
 */
import { wrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { describeError } from '../domain/describeError.ts';

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

export type WriteTransaction = IDBPTransaction<unknown, string[], 'readwrite'>;

/** Every store's writes answer with this: errors are values at the boundary. */
export type StoreWrite = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * Runs `work` in one readwrite transaction over `stores`, so a failure (quota, a value the browser cannot store)
 * leaves the database as it was. `work` returns why it chose to write nothing, or null; `describeFailure` words the
 * store's own message from the reason, which is the transaction's own error when it has one (requests still pending
 * when it aborts fail with a bare AbortError).
 */
export async function writeStores(
  db: IDBPDatabase,
  stores: string[],
  work: (tx: WriteTransaction) => Promise<string | null>,
  describeFailure: (reason: unknown) => string,
): Promise<StoreWrite> {
  let tx: WriteTransaction;
  try {
    tx = db.transaction(stores, 'readwrite');
  } catch (error) {
    return { ok: false, message: describeFailure(error) };
  }
  try {
    const [refused] = await Promise.all([work(tx), tx.done]);
    return refused === null ? { ok: true } : { ok: false, message: refused };
  } catch (error) {
    const reason = await abortWrite(tx, error);
    return { ok: false, message: describeFailure(reason) };
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
