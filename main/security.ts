/**
 * Window security as named rules (Electron's security checklist): the app's own origin is the
 * only trusted one, navigation and new windows are denied, permission requests are refused,
 * and every response carries the same strict CSP the HTTP transport sends.
 */
import type { BrowserWindow, Session, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../src/api/csp';

export const SECURE_WEB_PREFERENCES: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
};

/** A URL belongs to the app when it is the packaged renderer (file:) or the dev server. */
export function makeTrustedUrlCheck(devServerUrl: string | undefined, rendererFile: string): (url: string) => boolean {
  const fileUrl = new URL(`file://${rendererFile.replaceAll('\\', '/')}`);
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null;
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (devOrigin && url.origin === devOrigin) return true;
    return url.protocol === 'file:' && url.pathname === fileUrl.pathname;
  };
}

export function lockDownWindow(win: BrowserWindow, isTrusted: (url: string) => boolean): void {
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrusted(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
}

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
