// A small static file server for the tests: loopback only, one folder mounted at a
// sub-folder path (the path of the site's base_url), nothing outside that folder, and
// the site's 404.html for anything missing under the mount (as a city's web server would).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serve `root` at `mount` (e.g. "/senryaku/") on 127.0.0.1, on a free port.
 * Resolves to { origin, base, close() } where base = origin + mount.
 */
export async function serve(root, mount = '/') {
  if (!mount.startsWith('/') || !mount.endsWith('/')) throw new Error(`bad mount ${mount}`);
  const realRoot = fs.realpathSync(root);
  const notFoundPage = path.join(realRoot, '404.html');

  // No request timeout: the link checker keeps its connections alive through a large site's
  // 70,000 references, and Node's 300 s `requestTimeout` then answered 408 on a reused
  // connection (seen on the 1,000-page site: thousands of links "broken" by the test's own
  // server, none by the site). Idle kept-alive sockets stay open a minute, not Node's 5 s,
  // so the checker's fetch does not reuse a socket the server is closing ("fetch failed").
  const server = http.createServer({ requestTimeout: 0 }, (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8', extra = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = () => {
      if (fs.existsSync(notFoundPage)) send(404, fs.readFileSync(notFoundPage), TYPES['.html']);
      else send(404, 'not found');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(mount)) return send(404, 'outside the site');
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(mount.length));
    } catch {
      return send(400, 'bad path');
    }
    if (rel.includes('\0') || rel.split('/').some((s) => s === '..')) return send(400, 'bad path');
    let file = path.join(realRoot, rel);
    let stat;
    try {
      file = fs.realpathSync(file);
      stat = fs.statSync(file);
    } catch {
      return notFound();
    }
    if (file !== realRoot && !file.startsWith(realRoot + path.sep)) return notFound();
    if (stat.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        return send(301, '', undefined, { location: url.pathname + '/' + url.search });
      }
      file = path.join(file, 'index.html');
      if (!fs.existsSync(file)) return notFound();
    }
    const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    send(200, fs.readFileSync(file), type);
  });

  await new Promise((resolve, reject) => {
    server.keepAliveTimeout = 60_000;
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    base: origin + mount,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
