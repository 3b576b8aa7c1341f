/**
 * The dashboard's files (web/), served by the api in local mode and by `vigil ui`: a fixed list,
 * read once, with a Content-Security-Policy that lets the page reach nothing but its own origin
 * (no CDN, no external network, by construction and not only by convention).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root.ts';

export const WEB_DIR = join(REPO_ROOT, 'web');

const FILES: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * A handler for the api's `staticAssets` slot: the page's files, undefined for anything else.
 * `apiLabel` is the API the page shows it talks to (`vigil ui`: the deployed URL).
 */
export function createStaticAssets(options: { readonly directory?: string; readonly apiLabel?: string } = {}): (request: Request) => Promise<Response | undefined> {
  const directory = options.directory ?? WEB_DIR;
  const cache = new Map<string, Buffer>();
  const read = (file: string): Buffer => {
    let bytes = cache.get(file);
    if (!bytes) {
      bytes = readFileSync(join(directory, file));
      if (file === 'index.html' && options.apiLabel) {
        bytes = Buffer.from(bytes.toString('utf8').replace('<meta name="vigil-api" content="">', `<meta name="vigil-api" content="${escapeAttribute(options.apiLabel)}">`));
      }
      cache.set(file, bytes);
    }
    return bytes;
  };
  return async (request) => {
    const asset = FILES[new URL(request.url).pathname];
    if (!asset) return undefined;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(read(asset.file)), {
      status: 200,
      headers: {
        'content-type': asset.type,
        'cache-control': 'no-cache',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      },
    });
  };
}

function escapeAttribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
