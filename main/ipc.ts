/**
 * The Electron IPC adapter of the contract: one channel, one handler that forwards to the same
 * dispatcher the HTTP transport uses. Each window (webContents) holds its own session, and a
 * call from any frame but the app's own is refused before it reaches the core.
 */
import type { Dispatch } from '../src/app/kernel/dispatch';
import { IPC_CHANNEL, type Envelope } from '../src/contract/envelope';
import type { AuthState } from '../src/app/kernel/context';
import { isTrustedSender } from './security-rules';

/** The part of Electron's IpcMainInvokeEvent this adapter reads. */
export interface InvokeEvent {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

/** The part of Electron's ipcMain this adapter uses, so tests can pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<Envelope>): void;
  removeHandler(channel: string): void;
}

export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, isTrustedUrl: (url: string) => boolean): () => void {
  const sessions = new Map<number, AuthState>();
  ipcMain.handle(IPC_CHANNEL, async (event, name, input) => {
    if (!isTrustedSender(event.senderFrame, isTrustedUrl)) {
      return { ok: false, error: { code: 'forbidden', key: 'errors.api.untrustedSender', params: {} } };
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'validation', key: 'errors.api.badRequest', params: {} } };
    }
    let auth = sessions.get(event.sender.id);
    if (!auth) sessions.set(event.sender.id, (auth = {}));
    return dispatch(auth, name, input);
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNEL);
    sessions.clear();
  };
}
