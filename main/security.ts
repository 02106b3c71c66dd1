/**
 * The thin adapter of the security rules (main/security-rules.ts) onto Electron's window and
 * session: navigation and new windows denied, webviews refused, permission requests refused, and
 * every response carrying the same strict CSP the HTTP transport sends.
 */
import type { BrowserWindow, Session } from 'electron';
import { mayAttachWebview, mayNavigate, permissionDecision, windowOpenDecision, withCsp } from './security-rules';

export { makeTrustedUrlCheck, SECURE_WEB_PREFERENCES, windowOptions } from './security-rules';

export function lockDownWindow(win: BrowserWindow, isTrusted: (url: string) => boolean): void {
  win.webContents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url, isTrusted)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url, isTrusted)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(windowOpenDecision);
  win.webContents.on('will-attach-webview', (event) => {
    if (!mayAttachWebview()) event.preventDefault();
  });
}

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  session.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}
