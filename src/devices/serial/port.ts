/** Opening a serial port with the station's settings; a port that will not open is a DeviceError. */
import { SerialPort } from 'serialport';
import { DeviceError } from '../errors';

export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface SerialSettings {
  path: string;
  baudRate?: number;
  dataBits?: 7 | 8;
  parity?: Parity;
  stopBits?: 1 | 2;
}

/** MT-SICS balances ship at 9600 8N1; Toledo continuous terminals usually at 9600 7E1. */
export const SERIAL_DEFAULTS = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;

export function openSerial(settings: SerialSettings): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort(
      {
        path: settings.path,
        baudRate: settings.baudRate ?? SERIAL_DEFAULTS.baudRate,
        dataBits: settings.dataBits ?? SERIAL_DEFAULTS.dataBits,
        parity: settings.parity ?? SERIAL_DEFAULTS.parity,
        stopBits: settings.stopBits ?? SERIAL_DEFAULTS.stopBits,
        autoOpen: false,
      },
    );
    port.open((err) => {
      if (err) reject(new DeviceError('openFailed', `Cannot open ${settings.path}: ${err.message}`, { path: settings.path, reason: err.message }));
      else resolve(port);
    });
  });
}

export function closeSerial(port: SerialPort): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) return resolve();
    port.close(() => resolve());
  });
}
