/**
 * Which server the renderer talks to. In Electron (the preload's window.lotdesk) it is always the
 * desk. Served over HTTP it asks GET /mode: `lotdesk serve` answers `desk`, `lotdesk central`
 * answers `central`, and the renderer then shows only the central screens (docs/DESIGN.md).
 */
export type ServerMode = 'desk' | 'central';

export async function detectMode(): Promise<ServerMode> {
  if (window.lotdesk) return 'desk';
  try {
    const res = await fetch('/mode', { credentials: 'same-origin', cache: 'no-store' });
    const body = (await res.json()) as { mode?: unknown };
    return body.mode === 'central' ? 'central' : 'desk';
  } catch {
    // No answer (an older desk, the network): the desk screens, which show the network error themselves.
    return 'desk';
  }
}
