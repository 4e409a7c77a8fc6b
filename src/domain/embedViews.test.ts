import { describe, expect, it } from 'vitest';
import { buildEmbedSnippet, buildEmbedUrl, buildFullPlaygroundUrl, EMBED_VIEWS, readEmbedRequest, readFrameSize } from './embedViews.ts';

describe('readEmbedRequest', () => {
  it('is the whole page without an embed parameter', () => {
    expect(readEmbedRequest('')).toEqual({ kind: 'page' });
    expect(readEmbedRequest('?backend=wasm')).toEqual({ kind: 'page' });
  });

  it('reads one view, or several in the order named, once each', () => {
    expect(readEmbedRequest('?embed=pad')).toEqual({ kind: 'embed', views: ['pad'] });
    expect(readEmbedRequest('?embed=editor,summary')).toEqual({ kind: 'embed', views: ['editor', 'summary'] });
    expect(readEmbedRequest('?embed=Summary%2C%20editor,summary')).toEqual({ kind: 'embed', views: ['summary', 'editor'] });
  });

  it('names an unknown view and lists the valid ones', () => {
    const request = readEmbedRequest('?embed=pad,charts');
    expect(request.kind).toBe('bad-embed');
    const message = request.kind === 'bad-embed' ? request.message : '';
    expect(message).toContain('“charts”');
    for (const view of EMBED_VIEWS) expect(message).toContain(view);
  });

  it('says an empty embed names no view, and cuts a hostile name short', () => {
    const empty = readEmbedRequest('?embed=,');
    expect(empty.kind === 'bad-embed' && empty.message).toMatch(/names no view/);
    const long = readEmbedRequest(`?embed=${'x'.repeat(5000)}`);
    expect(long.kind === 'bad-embed' && long.message.length).toBeLessThan(200);
  });
});

describe('embed addresses', () => {
  const page = 'https://example.org/courses/convnet-playground/?backend=wasm#model=abc';

  it('keeps the sub-path and the model, and replaces the query with the views', () => {
    expect(buildEmbedUrl(page, ['editor', 'summary'])).toBe('https://example.org/courses/convnet-playground/?embed=editor,summary#model=abc');
  });

  it('goes back to the full playground with everything but the embed parameter', () => {
    expect(buildFullPlaygroundUrl('https://example.org/p/?embed=pad&backend=cpu#model=abc')).toBe('https://example.org/p/?backend=cpu#model=abc');
    expect(buildFullPlaygroundUrl('https://example.org/p/?embed=pad#model=abc')).toBe('https://example.org/p/#model=abc');
  });

  it('round-trips: the embed address reads back as the views it was built from', () => {
    const url = new URL(buildEmbedUrl(page, ['train', 'pad']));
    expect(readEmbedRequest(url.search)).toEqual({ kind: 'embed', views: ['train', 'pad'] });
  });
});

describe('the iframe snippet', () => {
  it('escapes the address and names the views in its title', () => {
    const snippet = buildEmbedSnippet('https://example.org/?embed=pad&x="<y>', ['pad'], 600, 400);
    expect(snippet).toContain('src="https://example.org/?embed=pad&amp;x=&quot;&lt;y>"');
    expect(snippet).toContain('title="ConvNet Playground: Draw a digit"');
    expect(snippet).toMatch(/width="600" height="400"/);
    expect(snippet).toContain('loading="lazy"');
    expect(snippet).toContain('allow="cross-origin-isolated"');
    expect(snippet).not.toContain('credentialless');
  });

  it('is credentialless for a cross-origin isolated course page', () => {
    expect(buildEmbedSnippet('https://example.org/?embed=pad', ['pad'], 600, 400, true)).toContain('allow="cross-origin-isolated" credentialless ');
  });
});

describe('readFrameSize', () => {
  it('accepts whole pixels within the limits', () => {
    expect(readFrameSize('600', '400')).toEqual({ ok: true, width: 600, height: 400 });
  });

  it('names the field that is wrong', () => {
    expect(readFrameSize('', '400')).toMatchObject({ ok: false, field: 'width' });
    expect(readFrameSize('600', '12.5')).toMatchObject({ ok: false, field: 'height' });
    expect(readFrameSize('99999', '400')).toMatchObject({ ok: false, field: 'width' });
  });
});
