/**
 * The order in which torchvision's ImageFolder and Keras' image_dataset_from_directory list a class's files:
 * `for root, _, names in sorted(os.walk(class_dir)): for name in sorted(names)`, that is folder by folder (the folders
 * sorted by their path), each folder's names sorted, and Python compares strings by code point. The page puts each
 * class's files in this order before its seeded split, so the exported code holds out the same images whatever order
 * a ZIP or a chosen folder listed them in.
 */

/** Python's str comparison: code point by code point (JavaScript's < compares UTF-16 units, which differs past U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x - y;
    // Equal so far: both strings are at the same code point boundary, so skip a surrogate pair's second half in both.
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** The folder ('shapes/circle/big') and the name ('1.png') of a path, separated as the folder reader separates them. */
function folderAndName(path: string): readonly [string, string] {
  const segments = path.replace(/\\/g, '/').split('/').filter((segment) => segment !== '' && segment !== '.');
  return [segments.slice(0, -1).join('/'), segments.at(-1) ?? ''];
}

/** Orders two file paths of one class as ImageFolder lists them: by folder, then by name. */
export function compareAsImageFolder(a: string, b: string): number {
  const [folderA, nameA] = folderAndName(a);
  const [folderB, nameB] = folderAndName(b);
  return compareCodePoints(folderA, folderB) || compareCodePoints(nameA, nameB);
}
