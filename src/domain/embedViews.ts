/**
 * The embed views: an embedded playground (`?embed=pad`, `?embed=editor,summary`) shows only the named panels.
 * Reading the address trusts nothing (it comes from someone else's page); an unknown name becomes a message.
 */

export const EMBED_VIEWS = ['pad', 'editor', 'summary', 'train', 'code', 'lesson'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];

/** What each view shows, for the Embed dialog's picker and the iframe's title. */
export const EMBED_VIEW_TITLES: Readonly<Record<EmbedView, string>> = {
  pad: 'Draw a digit',
  editor: 'Model editor',
  summary: 'Model summary',
  train: 'Training and charts',
  code: 'Python code (Keras, PyTorch)',
  lesson: 'Chapter-5 lesson',
};

/** The views that need the training engine (a worker, MNIST, the shipped model); the others are plain TypeScript. */
export const ENGINE_VIEWS: readonly EmbedView[] = ['pad', 'train', 'lesson'];

export type EmbedRequest =
  | { readonly kind: 'page' }
  | { readonly kind: 'embed'; readonly views: readonly EmbedView[] }
  | { readonly kind: 'bad-embed'; readonly message: string };

const isEmbedView = (name: string): name is EmbedView => (EMBED_VIEWS as readonly string[]).includes(name);

/** A name from the address, cut short: a hostile link must not fill the frame. */
const quoted = (name: string) => `“${name.length > 24 ? `${name.slice(0, 24)}…` : name}”`;

/** Which page the address asks for: the whole playground, some embed views (in the order named), or a bad request. */
export function readEmbedRequest(search: string): EmbedRequest {
  const value = new URLSearchParams(search).get('embed');
  if (value === null) return { kind: 'page' };
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const valid = `Valid views: ${EMBED_VIEWS.join(', ')} (combine them with commas, e.g. ?embed=editor,summary).`;
  if (names.length === 0) return { kind: 'bad-embed', message: `This embed names no view. ${valid}` };
  const unknown = names.filter((name) => !isEmbedView(name));
  if (unknown.length > 0) {
    const list = unknown.slice(0, 3).map(quoted).join(', ');
    return { kind: 'bad-embed', message: `There is no embed view ${list}. ${valid}` };
  }
  return { kind: 'embed', views: [...new Set(names.filter(isEmbedView))] };
}

/** This page's address as an embed of these views: the page's own path (any sub-path), its model fragment kept. */
export function buildEmbedUrl(pageUrl: string, views: readonly EmbedView[]): string {
  const url = new URL(pageUrl);
  // Commas stay literal: the address reads as the README writes it.
  url.search = `?embed=${views.join(',')}`;
  return url.href;
}

/** The full playground for an embed's address: the embed parameter dropped, everything else (model, backend) kept. */
export function buildFullPlaygroundUrl(embedUrl: string): string {
  const url = new URL(embedUrl);
  const params = new URLSearchParams(url.search);
  params.delete('embed');
  const rest = params.toString();
  url.search = rest === '' ? '' : `?${rest}`;
  return url.href;
}

export type FrameSize = { readonly ok: true; readonly width: number; readonly height: number } | { readonly ok: false; readonly field: 'width' | 'height'; readonly message: string };

/** Below this the panels cannot be read; above it no page is that large. */
export const FRAME_LIMITS = { width: [280, 2400], height: [200, 2400] } as const;

/** Checks the iframe's width and height as typed (text from number fields). */
export function readFrameSize(width: string, height: string): FrameSize {
  for (const [field, text] of [
    ['width', width],
    ['height', height],
  ] as const) {
    const value = Number(text);
    const [min, max] = FRAME_LIMITS[field];
    if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      return { ok: false, field, message: `The ${field} is a whole number of pixels from ${min} to ${max}.` };
    }
  }
  return { ok: true, width: Number(width), height: Number(height) };
}

const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The `<iframe>` to paste into a course page. allow="cross-origin-isolated" lets the frame use wasm threads when the
 * embedding page is itself cross-origin isolated (README, "Embedding"); elsewhere it trains on one thread.
 * isolatedHost: the course page sends COOP/COEP. Its frames must then send COEP and CORP, which a static host cannot;
 * `credentialless` lets Chromium load the frame anyway (measured: it trains on every core), with storage that lasts
 * only while the course page is open.
 */
export function buildEmbedSnippet(src: string, views: readonly EmbedView[], width: number, height: number, isolatedHost = false): string {
  const title = `ConvNet Playground: ${views.map((view) => EMBED_VIEW_TITLES[view]).join(', ')}`;
  return (
    `<iframe src="${attribute(src)}" title="${attribute(title)}" width="${width}" height="${height}" ` +
    `loading="lazy" allow="cross-origin-isolated"${isolatedHost ? ' credentialless' : ''} style="border: 1px solid #e5e7eb; border-radius: 8px;"></iframe>`
  );
}
