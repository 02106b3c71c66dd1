/**
 * The Electron shell: one secured window, the station core in this process, the IPC adapter.
 * No business rule lives here.
 */
import { app, BrowserWindow, ipcMain, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { openDesk } from '../src/app/open';
import { defaultKeyPath } from '../src/app/kernel/chain-keys';
import { safeStorageKeyStore } from './chain-key-store';
import { registerIpc, type IpcMainLike } from './ipc';
import { deviceRuntime } from '../src/app/devices/runtime';
import { ElectronPdfPrinter } from './pdf-printer';
import { systemPrintersOf } from './printer-info';
import { electronSqliteBinding } from './native-binding';
import { lockDownSession, lockDownWindow, makeTrustedUrlCheck, windowOptions } from './security';

const rendererFile = join(__dirname, '../renderer/index.html');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const isTrusted = makeTrustedUrlCheck(devServerUrl, rendererFile);

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(join(__dirname, '../preload/preload.cjs')));
  lockDownWindow(win, isTrusted);
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererFile);
  return win;
}

void app.whenReady().then(() => {
  lockDownSession(session.defaultSession);
  const dbFile = join(process.env.LOTDESK_DATA || app.getPath('userData'), 'lotdesk.db');
  const { station, dispatch } = openDesk(dbFile, {
    nativeBinding: electronSqliteBinding(app.getAppPath(), process.resourcesPath),
    keyStore: safeStorageKeyStore(defaultKeyPath(dbFile), safeStorage),
  });
  // PDF jobs to this machine's printers print silently through Chromium; ZPL and other CUPS servers keep lp.
  const devices = deviceRuntime(station);
  devices.systemPdfPrinter = (target) => new ElectronPdfPrinter(target.queue, target.media);
  // The printers the system has, as Chromium sees them (a Windows desk has no lpstat): asked of any window's contents.
  devices.systemPrinterLister = async () => {
    const contents = BrowserWindow.getAllWindows().find((w) => !w.isDestroyed())?.webContents;
    if (!contents) throw new Error('no window is open');
    return systemPrintersOf(await contents.getPrintersAsync());
  };
  registerIpc(ipcMain as unknown as IpcMainLike, dispatch, isTrusted);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => station.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
