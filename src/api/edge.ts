/**
 * Who may talk to the desk over HTTP (docs/DESIGN.md, "The desk's edge"). Pure rules, so the
 * transport and the tests share them:
 * - the Host a request names must be one of the desk's own names with the port it listens on:
 *   a page on another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) names
 *   its own host, and is refused;
 * - a state-changing request sent by a browser must come from the desk's own pages: an Origin
 *   other than the desk's, or a Sec-Fetch-Site other than same-origin, is refused. Clients that
 *   send neither (a PDA app, curl, the tests) still need the x-lotdesk header, which a page on
 *   another origin cannot send without a CORS preflight the desk never answers.
 */

/** The names a desk always answers to: loopback, by name and by address. */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

/** Lower case, IPv6 addresses in brackets, as a Host header carries them. */
export function hostName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.includes(':') && !n.startsWith('[') ? `[${n}]` : n;
}

/** The name and port of a Host header; the port defaults to the scheme's. Null when it is not a host. */
export function parseHost(header: string | undefined, secure: boolean): { name: string; port: number } | null {
  if (!header) return null;
  const h = header.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(h);
  if (!m) return null;
  return { name: m[1], port: m[2] === undefined ? (secure ? 443 : 80) : Number(m[2]) };
}

export function hostAllowed(header: string | undefined, port: number, names: ReadonlySet<string>, secure: boolean): boolean {
  const host = parseHost(header, secure);
  return host !== null && host.port === port && names.has(host.name);
}

/** Sec-Fetch-Site values of a request the desk's own page (or the user's own typing) made. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/** Whether a state-changing request may be the desk's own: its Origin is the desk's origin as the Host names it. */
export function originAllowed(origin: string | undefined, fetchSite: string | undefined, host: string | undefined, secure: boolean): boolean {
  if (fetchSite !== undefined && !OWN_FETCH_SITES.has(fetchSite.toLowerCase())) return false;
  if (origin === undefined) return true;
  if (!host) return false;
  const scheme = secure ? 'https:' : 'http:';
  try {
    const from = new URL(origin);
    const own = new URL(`${scheme}//${host}`);
    return from.protocol === scheme && from.host === own.host;
  } catch {
    // 'null' (a sandboxed frame, a file:// page) and anything unreadable is not the desk's page.
    return false;
  }
}
