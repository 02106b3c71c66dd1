/**
 * `lotdesk devices list [--json]`: what support staff ask first — which HID scanners and scales,
 * serial ports and CUPS queues this machine sees (the same discovery the Devices screen uses).
 */
import { parseArgs } from 'node:util';
import { nodeHidBackend } from '../devices/hid/backend';
import { findHidDevices } from '../devices/hid/discovery';
import { listCupsQueues } from '../devices/printers/cups';

interface Row {
  kind: string;
  path: string;
  name: string;
  id?: string;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, server: { type: 'string' } } });
  const rows: Row[] = [];
  const problems: string[] = [];
  try {
    for (const d of findHidDevices(nodeHidBackend)) {
      rows.push({ kind: `hid-${d.kind}`, path: d.path, name: d.product ?? d.manufacturer ?? '', id: `${d.vendorId.toString(16).padStart(4, '0')}:${d.productId.toString(16).padStart(4, '0')}` });
    }
  } catch (err) {
    problems.push(`USB HID: ${(err as Error).message}`);
  }
  try {
    const { SerialPort } = await import('serialport');
    for (const p of await SerialPort.list()) rows.push({ kind: 'serial', path: p.path, name: [p.manufacturer, p.serialNumber].filter(Boolean).join(' ') });
  } catch (err) {
    problems.push(`serial ports: ${(err as Error).message}`);
  }
  for (const q of await listCupsQueues({ server: values.server })) rows.push({ kind: 'printer', path: q.name, name: q.device ?? '' });
  if (values.json) console.log(JSON.stringify({ devices: rows, problems }));
  else {
    if (rows.length === 0) console.log('No scanners, scales, serial ports or printers found.');
    for (const r of rows) console.log(`${r.kind.padEnd(12)} ${r.path.padEnd(28)} ${r.id ? `${r.id}  ` : ''}${r.name}`);
    for (const p of problems) console.error(`lotdesk devices list: ${p}`);
  }
  return 0;
}
