/**
 * The network audit: every request a browser under test makes goes through a
 * recording proxy in this process. Requests to a test server (an HTTP server
 * this E2E process listens on, at 127.0.0.1) are passed on; anything else is
 * refused on the spot, so nothing reaches the internet, and written down with
 * the test that was running and, where the driver can tell, the page, frame
 * or worker that asked for it.
 *
 * A proxy sees the browser's whole network stack: pages, frames, the
 * extension's service worker or background page, and the browser's own
 * update, sign-in and telemetry traffic, which per-page request listeners
 * would miss. Inside an HTTPS tunnel it knows the host and port only; the
 * drivers' request events supply the URL and the context.
 *
 * Started by tests/e2e/runner.ts. launchChromium and launchFirefox route a
 * browser through it whenever one is active, and prove the route with a
 * canary request before handing the browser over (scripts/demo.ts and the
 * benchmarks never start an audit, so their browsers are left alone).
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { BrowserName } from './types';

/** The only address a test server listens on (scripts/news-site.ts). */
const TEST_HOST = '127.0.0.1';
const CANARY_PATH = '/__crosscheck-audit-canary/';
/** Enough of a refused request's body to tell what it was (see BROWSER_NOISE). */
const BODY_KEPT = 4096;

export interface ProxiedRequest {
  browser: BrowserName;
  at: number;
  /** "GET http://host/path" for plain HTTP, "CONNECT host:port" for a tunnel (HTTPS, secure WebSocket). */
  line: string;
  host: string;
  port: number;
  /** The full URL where the proxy could read one (plain HTTP); null for a tunnel. */
  url: string | null;
  /** Headers that say who asked, where the request carried them. */
  from: { origin?: string; referer?: string; fetchSite?: string; fetchDest?: string };
  /** The start of a refused request's body. */
  body?: string;
  /** The test running when it was made. */
  during: string;
  allowed: boolean;
}

/** A request a driver saw a page, frame or worker make (Chromium: CDP through playwright; Firefox: BiDi through puppeteer). */
export interface SeenRequest {
  browser: BrowserName;
  at: number;
  url: string;
  /** "page http://…", "frame http://… in page http://…", "service worker chrome-extension://…/background.js" */
  context: string;
  /** The extension's own context: its worker or one of its pages. */
  extension: boolean;
}

export interface Stray extends ProxiedRequest {
  /** Contexts that asked for this URL (for a tunnel: this host and port) around that time; empty when none the driver watches did. */
  contexts: SeenRequest[];
}

/**
 * Browser traffic no launch flag or pref switches off in the browsers this
 * project tests with (Chromium 156; Firefox ESR 153 has none). Each was seen
 * in the same form from a Chromium started with no extension at all, and is
 * excused only while no context of the extension asked for that host
 * (strays() checks), so an extension request to the same place still fails.
 * The proxy refuses these like any other: they never leave the machine.
 */
export const BROWSER_NOISE: readonly { browser: BrowserName; what: string; match: (r: ProxiedRequest) => boolean }[] = [
  {
    browser: 'chromium',
    // GaiaCookieManagerService's ListAccounts (traffic annotation gaia_auth_list_accounts), on start-up
    // and when cookies change. Playwright's SkipListAccountsWithoutGaiaCookies is not in this build, and
    // neither signin.allowed=false nor --disable-sync stops it.
    what: 'Chromium account check (accounts.google.com/ListAccounts)',
    match: (r) => r.line === 'CONNECT accounts.google.com:443',
  },
  {
    browser: 'chromium',
    // The component updater asking for the "Optimization Guide On DeviceModels Manifest" component
    // (appid ceofaddefefcbblgcgnibnonglccbfja): an on-demand install that --disable-component-update,
    // component_updates_enabled=false and the OptimizationGuide* features tried do not stop. Over
    // HTTPS first (host only), then over plain HTTP, where the body names the component.
    what: 'Chromium on-device model manifest update check (update.googleapis.com)',
    match: (r) =>
      r.line === 'CONNECT update.googleapis.com:443' ||
      (r.url?.startsWith('http://update.googleapis.com/service/update2/json?') === true &&
        [...(r.body ?? '').matchAll(/"appid":"([a-p]{32})"/g)].every((m) => m[1] === 'ceofaddefefcbblgcgnibnonglccbfja') &&
        /"appid":"/.test(r.body ?? '')),
  },
];

const HOP_BY_HOP = new Set(['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function pick(headers: IncomingHttpHeaders): ProxiedRequest['from'] {
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const from: ProxiedRequest['from'] = {};
  if (one('origin')) from.origin = one('origin');
  if (one('referer')) from.referer = one('referer');
  if (one('sec-fetch-site')) from.fetchSite = one('sec-fetch-site');
  if (one('sec-fetch-dest')) from.fetchDest = one('sec-fetch-dest');
  return from;
}

/**
 * True when `port` on 127.0.0.1 is a socket this very process listens on:
 * the runner's news server, and those suites start for their own fixtures.
 * Any other loopback port (a debugging port, another service on the
 * machine) is not a test server. Linux only; elsewhere every loopback port
 * counts as one.
 */
function listensInThisProcess(port: number): boolean {
  const tables = ['/proc/net/tcp', '/proc/net/tcp6'].map((f) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  });
  if (!tables.join('').trim()) return true;
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const line of tables.join('\n').split('\n')) {
    const cols = line.trim().split(/\s+/);
    // local_address is ADDR:PORT in hex, state 0A is LISTEN, the socket's inode is column 10.
    if (cols.length > 9 && cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9]!);
  }
  if (!inodes.size) return false;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m && inodes.has(m[1]!)) return true;
    } catch {
      // descriptors come and go while we look
    }
  }
  return false;
}

function portOf(url: URL): number {
  return Number(url.port || (/^(https|wss):$/.test(url.protocol) ? 443 : 80));
}

export class NetworkAudit {
  readonly proxied: ProxiedRequest[] = [];
  readonly seen: SeenRequest[] = [];
  private during = 'before the first test';
  private readonly testPorts = new Set<number>();
  private readonly ownPorts = new Set<number>();
  private readonly servers = new Map<BrowserName, Promise<{ server: Server; port: number }>>();
  private readonly sockets = new Set<Socket | Duplex>();
  private readonly canaries = new Set<string>();
  private canaryCount = 0;

  /** The proxy URL for one browser kind: each kind has a listener of its own, so every record knows its browser. */
  async proxyUrl(browser: BrowserName): Promise<string> {
    let entry = this.servers.get(browser);
    if (!entry) {
      entry = this.listen(browser);
      this.servers.set(browser, entry);
    }
    return `http://${TEST_HOST}:${(await entry).port}`;
  }

  private async listen(browser: BrowserName): Promise<{ server: Server; port: number }> {
    const server = createServer();
    server.on('request', (req, res) => this.onRequest(browser, req, res));
    server.on('connect', (req, socket, head) => this.onTunnel(browser, req, socket, head, 'CONNECT'));
    server.on('upgrade', (req, socket, head) => this.onTunnel(browser, req, socket, head, 'UPGRADE'));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(0, TEST_HOST, () => ok());
    });
    const port = (server.address() as AddressInfo).port;
    this.ownPorts.add(port);
    return { server, port };
  }

  /**
   * A URL a freshly launched browser fetches to prove it goes through the
   * proxy: only a proxied request arrives with the full URL, which is how the
   * proxy tells it from one sent to it directly.
   */
  async canaryUrl(browser: BrowserName): Promise<string> {
    return `${await this.proxyUrl(browser)}${CANARY_PATH}${browser}-${++this.canaryCount}`;
  }

  canarySeen(url: string): boolean {
    return this.canaries.has(url);
  }

  /** Labels what follows with the running test, until the next call. */
  setDuring(label: string): void {
    this.during = label;
  }

  /** A driver reports a request it saw a page, frame or worker make. */
  saw(browser: BrowserName, url: string, context: string, extension: boolean): void {
    if (!/^(https?|wss?):/i.test(url) || url.includes(CANARY_PATH)) return; // extension files, data: and blob: never reach the network
    this.seen.push({ browser, at: Date.now(), url, context, extension });
  }

  private isTestServer(host: string, port: number): boolean {
    if (host !== TEST_HOST || this.ownPorts.has(port)) return false;
    if (this.testPorts.has(port)) return true;
    if (!listensInThisProcess(port)) return false;
    this.testPorts.add(port);
    return true;
  }

  private record(browser: BrowserName, line: string, host: string, port: number, url: string | null, headers: IncomingHttpHeaders): ProxiedRequest {
    const entry: ProxiedRequest = {
      browser,
      at: Date.now(),
      line,
      host,
      port,
      url,
      from: pick(headers),
      during: this.during,
      allowed: this.isTestServer(host, port),
    };
    this.proxied.push(entry);
    return entry;
  }

  private onRequest(browser: BrowserName, req: IncomingMessage, res: ServerResponse): void {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      // A bare path: someone spoke to the proxy directly, as to a web server (a browser not using it, for one).
      res.writeHead(400, { 'content-type': 'text/plain' }).end('this is the E2E network audit proxy, not a web server');
      return;
    }
    if (target.pathname.startsWith(CANARY_PATH) && this.ownPorts.has(portOf(target))) {
      this.canaries.add(target.href);
      res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
      return;
    }
    const entry = this.record(browser, `${req.method} ${target.href}`, target.hostname, portOf(target), target.href, req.headers);
    if (!entry.allowed) {
      // Kept, so the record can say what was sent; refused once read.
      let body = '';
      req.on('data', (chunk: Buffer) => {
        if (body.length < BODY_KEPT) body += chunk.toString('utf8').slice(0, BODY_KEPT - body.length);
      });
      req.on('end', () => {
        if (body) entry.body = body;
        res.writeHead(403, { 'content-type': 'text/plain' }).end('refused by the crosscheck E2E network audit');
      });
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
    const upstream = httpRequest({ host: target.hostname, port: entry.port, method: req.method, path: target.pathname + target.search, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, Object.fromEntries(Object.entries(up.headers).filter(([k]) => !HOP_BY_HOP.has(k))));
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }

  private onTunnel(browser: BrowserName, req: IncomingMessage, socket: Duplex, head: Buffer, how: 'CONNECT' | 'UPGRADE'): void {
    socket.on('error', () => {});
    let host = '';
    let port = 0;
    let url: string | null = null;
    if (how === 'CONNECT') {
      const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
      host = m?.[1] ?? req.url ?? '';
      port = Number(m?.[2] ?? 443);
    } else {
      // A plain ws:// upgrade, sent to the proxy with its full URL.
      try {
        const t = new URL(req.url ?? '');
        [host, port, url] = [t.hostname, portOf(t), t.href];
      } catch {
        // left empty: refused below
      }
    }
    const line = how === 'CONNECT' ? `CONNECT ${req.url}` : `GET ${req.url} (WebSocket)`;
    const entry = this.record(browser, line, host, port, url, req.headers);
    if (!entry.allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(port, host, () => {
      if (how === 'CONNECT') socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      else {
        const t = new URL(req.url!);
        const lines = [`${req.method} ${t.pathname}${t.search} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) {
          if (!/^proxy-/i.test(req.rawHeaders[i]!)) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        }
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      }
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
  }

  /** The contexts that asked for what `r` fetched, around the time it did. */
  private contextsOf(r: ProxiedRequest): SeenRequest[] {
    return this.seen.filter((s) => {
      if (s.browser !== r.browser || Math.abs(s.at - r.at) > 30_000) return false;
      if (r.url) return s.url === r.url;
      try {
        const u = new URL(s.url);
        return u.hostname === r.host && portOf(u) === r.port;
      } catch {
        return false;
      }
    });
  }

  /**
   * What one browser sent anywhere but a test server, split into what fails
   * the run (`strays`) and what is excused: browser noise nothing of the
   * extension asked for and, during the tests `pagesMayLeave` names, what no
   * context of the extension asked for. The latter needs every extension
   * context watched: Chromium's request events cover its service worker and
   * pages; Firefox's background page is out of the driver's sight, so there a
   * request nobody claims is never excused.
   */
  verdict(browser: BrowserName, pagesMayLeave: (during: string) => boolean): { strays: Stray[]; noise: Map<string, number>; pageLevel: Stray[]; toTestServers: number } {
    const strays: Stray[] = [];
    const pageLevel: Stray[] = [];
    const noise = new Map<string, number>();
    const extensionHosts = new Set(
      this.seen.filter((s) => s.browser === browser && s.extension).flatMap((s) => {
        try {
          return [new URL(s.url).hostname];
        } catch {
          return [];
        }
      }),
    );
    const allExtensionContextsWatched = browser === 'chromium';
    for (const r of this.proxied) {
      if (r.browser !== browser || r.allowed) continue;
      const stray: Stray = { ...r, contexts: this.contextsOf(r) };
      const byExtension = stray.contexts.some((c) => c.extension) || extensionHosts.has(r.host);
      const known = BROWSER_NOISE.find((n) => n.browser === browser && n.match(r));
      // A page's own request to the same host does not make browser noise the extension's: Chromium's
      // account check shares its host with the sign-in frames of real pages loaded within the match window.
      if (known && !byExtension) {
        noise.set(known.what, (noise.get(known.what) ?? 0) + 1);
      } else if (pagesMayLeave(r.during) && !byExtension && (stray.contexts.length || allExtensionContextsWatched)) {
        pageLevel.push(stray);
      } else {
        strays.push(stray);
      }
    }
    return { strays, noise, pageLevel, toTestServers: this.proxied.filter((r) => r.browser === browser && r.allowed).length };
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    for (const entry of this.servers.values()) {
      const { server } = await entry;
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
    }
  }
}

let active: NetworkAudit | null = null;

/** The audit that browsers launched from now on are routed through; null for none. */
export function setActiveAudit(audit: NetworkAudit | null): void {
  active = audit;
}

export function activeAudit(): NetworkAudit | null {
  return active;
}

/** One entry per distinct stray (same request, same askers, same test), with how many times it was made. */
export function describeStrays(strays: readonly Stray[]): string {
  const groups = new Map<string, { text: string; n: number }>();
  for (const s of strays) {
    const who = s.contexts.length
      ? [...new Set(s.contexts.map((c) => c.context))].join('; ')
      : 'no page, frame or worker the driver watches (the browser itself, a link preconnect, or a background page the driver cannot see)';
    const headers = Object.entries(s.from)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const text = `${s.line}\n    by: ${who}${headers ? `\n    headers: ${headers}` : ''}\n    during: ${s.during}`;
    const group = groups.get(text) ?? { text, n: 0 };
    group.n++;
    groups.set(text, group);
  }
  return [...groups.values()].map((g) => (g.n > 1 ? `${g.n}× ${g.text}` : g.text)).join('\n');
}
