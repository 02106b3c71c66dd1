/**
 * The preload exposes exactly one function to the page: `lotdesk.call(name, input)` over the one
 * IPC channel. No ipcRenderer, no other channel, no Node.
 */
import { contextBridge, ipcRenderer } from 'electron';

const IPC_CHANNEL = 'lotdesk:call'; // src/contract/envelope.ts; inlined because a sandboxed preload cannot require project files

contextBridge.exposeInMainWorld('lotdesk', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_CHANNEL, String(name), input),
});
