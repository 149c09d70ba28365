/** Serves the built dashboard from a folder: files by path, anything else falls back to index.html. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** A file of the site as a Response, or index.html for unknown paths (client-side routes); null when the site is missing. */
export async function siteResponse(root: string, urlPath: string): Promise<Response | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    rel = '';
  }
  const file = path.resolve(root, rel);
  const inside = file === root || file.startsWith(root + path.sep);
  const target = inside && rel && (await isFile(file)) ? file : path.join(root, 'index.html');
  if (!(await isFile(target))) return null;
  const body = await readFile(target);
  const immutable = target.includes(`${path.sep}assets${path.sep}`);
  return new Response(body, {
    headers: {
      'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
