/**
 * Saves `contents` as a file through the browser's download. The object URL is revoked after a while, not at once:
 * some browsers start reading it only after click() returns.
 */
export function downloadFile(name: string, contents: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([contents], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
