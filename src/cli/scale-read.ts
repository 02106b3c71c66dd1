/**
 * `lotdesk scale read --port PATH --protocol mt-sics|toledo|hid [--baud N] [--parity none|even|odd]
 * [--data-bits 7|8] [--stop-bits 1|2] [--timeout MS] [--json]`: one stable weight, as the desk
 * reads it. Exit 0 with the weight, 1 with the device's error in words (what to do), 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { DeviceError } from '../devices/errors';
import { nodeHidBackend } from '../devices/hid/backend';
import { HidScale } from '../devices/hid/hid-devices';
import { MtSicsScale } from '../devices/serial/mt-sics';
import { openSerial, type Parity } from '../devices/serial/port';
import { ToledoContinuousScale } from '../devices/serial/toledo-continuous';
import type { Scale } from '../devices/types';
import { translate } from '../i18n/translate';

const USAGE = 'Usage: lotdesk scale read --port PATH --protocol mt-sics|toledo|hid [--baud N] [--parity none|even|odd] [--data-bits 7|8] [--stop-bits 1|2] [--timeout MS] [--json]';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, protocol: { type: 'string' }, baud: { type: 'string' }, parity: { type: 'string' }, 'data-bits': { type: 'string' }, 'stop-bits': { type: 'string' }, timeout: { type: 'string' }, json: { type: 'boolean' } },
  });
  const protocol = values.protocol;
  const timeoutMs = Number(values.timeout ?? 5000);
  const parity = (values.parity ?? 'none') as Parity;
  if (!protocol || !['mt-sics', 'toledo', 'hid'].includes(protocol) || (protocol !== 'hid' && !values.port) || !(timeoutMs > 0) || !['none', 'even', 'odd'].includes(parity)) {
    console.error(USAGE);
    return 2;
  }
  let scale: Scale | null = null;
  try {
    if (protocol === 'hid') {
      const hid = new HidScale({ backend: nodeHidBackend, path: values.port });
      scale = hid;
      if (!hid.connected) throw new DeviceError('notFound', 'No HID scale found');
    } else {
      const port = await openSerial({
        path: values.port!,
        baudRate: Number(values.baud ?? 9600),
        parity,
        dataBits: values['data-bits'] === '7' ? 7 : 8,
        stopBits: values['stop-bits'] === '2' ? 2 : 1,
      });
      const deviceId = `${protocol}:${values.port}`;
      scale = protocol === 'mt-sics' ? new MtSicsScale(port, { deviceId }) : new ToledoContinuousScale(port, deviceId);
    }
    const r = await scale.readStable({ timeoutMs });
    if (values.json) console.log(JSON.stringify({ ok: true, grams: r.grams, value: r.value, unit: r.unit, tareGrams: r.tareGrams, source: r.source, deviceId: r.deviceId }));
    else console.log(`${r.grams} g (${r.value} ${r.unit}, stable, ${r.deviceId})`);
    return 0;
  } catch (err) {
    if (!(err instanceof DeviceError)) throw err;
    const message = translate('en', err.key, err.params);
    if (values.json) console.log(JSON.stringify({ ok: false, error: { code: err.code, message } }));
    else console.error(`lotdesk scale read: ${message}`);
    return 1;
  } finally {
    await scale?.close();
  }
}
