/**
 * The layout Keras' image_dataset_from_directory and torchvision's ImageFolder read: one sub-folder per class, its
 * name the class name, optionally inside one top folder. Paths only, no bytes: the same reader serves a ZIP's entries
 * and a chosen folder's files. Never throws.
 */

/** A path as the ZIP or the browser gives it ('shapes/circle/1.png'); a trailing '/' marks a folder entry. */
export interface FolderEntry {
  readonly path: string;
}

export interface ClassFolder {
  readonly name: string;
  /** Indexes into the entries given, in the order they were listed (imageImport.ts sorts them as ImageFolder does before the split). */
  readonly files: readonly number[];
}

export interface FolderLayout {
  /** Sorted by name, as Keras numbers its classes (alphanumeric order of the folder names). */
  readonly classes: readonly ClassFolder[];
  /** __MACOSX/, .DS_Store and other names starting with a dot. */
  readonly hidden: number;
  /** Files beside the class folders rather than in one. */
  readonly outsideClasses: number;
}

export type FolderLayoutRead = { readonly ok: true; readonly value: FolderLayout } | { readonly ok: false; readonly message: string };

export const quoteName = (name: string) => `“${name.length > 60 ? `${name.slice(0, 60)}…` : name}”`;

const isHiddenSegment = (segment: string) => segment.startsWith('.') || segment === '__MACOSX' || segment === 'Thumbs.db' || segment === 'desktop.ini';

/** Splits a path into its folders and name; null for one that leaves the folder (absolute, a drive, or '..'). */
function segmentsOf(path: string): string[] | null {
  const unified = path.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[a-zA-Z]:/.test(unified)) return null;
  const segments = unified.split('/').filter((segment) => segment !== '' && segment !== '.');
  return segments.includes('..') ? null : segments;
}

interface SortedEntry {
  readonly index: number;
  readonly segments: readonly string[];
  readonly isFolder: boolean;
}

/** Drops one top folder that wraps everything (the ZIP's or the chosen folder's own name), when it holds class folders. */
function unwrapTop(entries: readonly SortedEntry[]): readonly SortedEntry[] {
  const files = entries.filter((entry) => !entry.isFolder);
  const top = files[0]?.segments[0];
  // Files beside the class folders (a README) stay inside the top folder too: every file under it, some two deeper.
  const wrapped = top !== undefined && files.every((entry) => entry.segments[0] === top && entry.segments.length >= 2) && files.some((entry) => entry.segments.length >= 3);
  if (!wrapped) return entries;
  return entries.filter((entry) => entry.segments.length > 1).map((entry) => ({ ...entry, segments: entry.segments.slice(1) }));
}

function checkPaths(entries: readonly FolderEntry[]): { sorted: SortedEntry[]; hidden: number } | string {
  const seen = new Set<string>();
  const sorted: SortedEntry[] = [];
  let hidden = 0;
  for (const [index, entry] of entries.entries()) {
    const segments = segmentsOf(entry.path);
    if (segments === null) return `${quoteName(entry.path)} points outside the folder (an absolute path or '..'): such a ZIP could overwrite other files, so nothing was imported.`;
    if (segments.length === 0) continue;
    if (segments.some(isHiddenSegment)) {
      if (!entry.path.endsWith('/')) hidden++;
      continue;
    }
    const key = segments.join('/');
    const isFolder = entry.path.endsWith('/');
    if (!isFolder && seen.has(key)) return `${quoteName(key)} appears twice: two files of one name in one folder cannot both be kept, so nothing was imported.`;
    seen.add(key);
    sorted.push({ index, segments, isFolder });
  }
  return { sorted, hidden };
}

/** Reads the class folders from the paths, or says what is wrong with the layout. */
export function readFolderLayout(entries: readonly FolderEntry[]): FolderLayoutRead {
  const checked = checkPaths(entries);
  if (typeof checked === 'string') return { ok: false, message: checked };
  const unwrapped = unwrapTop(checked.sorted);
  const classes = new Map<string, number[]>();
  let outsideClasses = 0;
  for (const entry of unwrapped) {
    const [folder] = entry.segments;
    if (folder === undefined) continue;
    if (entry.segments.length === 1) {
      if (entry.isFolder) classes.set(folder, classes.get(folder) ?? []);
      else outsideClasses++;
      continue;
    }
    const files = classes.get(folder) ?? [];
    if (!entry.isFolder) files.push(entry.index);
    classes.set(folder, files);
  }
  return describeClasses(classes, checked.hidden, outsideClasses);
}

function describeClasses(found: Map<string, number[]>, hidden: number, outsideClasses: number): FolderLayoutRead {
  const classes = [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, files]) => ({ name, files }));
  if (classes.length === 0) {
    return { ok: false, message: 'No class folders found: put each class’s images in a folder named after the class (for example cats/ and dogs/), as Keras’ image_dataset_from_directory reads them.' };
  }
  const lower = new Map<string, string>();
  for (const { name } of classes) {
    const other = lower.get(name.toLowerCase());
    if (other !== undefined) return { ok: false, message: `The class folders ${quoteName(other)} and ${quoteName(name)} differ only in capitals: merge or rename one, so each class has one name.` };
    lower.set(name.toLowerCase(), name);
  }
  if (classes.length === 1) return { ok: false, message: `Only one class folder, ${quoteName(classes[0]!.name)}: a classifier needs at least two classes, each in its own folder.` };
  const empty = classes.find((folder) => folder.files.length === 0);
  if (empty) return { ok: false, message: `The class folder ${quoteName(empty.name)} holds no files: add its images or remove the folder.` };
  return { ok: true, value: { classes, hidden, outsideClasses } };
}
