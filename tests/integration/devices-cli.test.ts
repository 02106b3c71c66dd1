/**
 * The support staff's device commands run as the real `lotdesk` binary: `scale read` against an
 * MT-SICS simulator over a socat pty pair, `print test` to a TCP listener capturing ZPL, and
 * `devices list`. The child runs asynchronously so the simulators in this process can answer it.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';
import { openPtyPair, type PtyPair } from '../../src/devices/simulators/pty-pair';
import { closeSerial, openSerial } from '../../src/devices/serial/port';
import { MtSicsSimulator } from '../../src/devices/simulators/serial-scales';
import { SimulatedZplPrinter } from '../../src/devices/simulators/zpl-printer';
import type { SerialPort } from 'serialport';
import { cupsUnavailable, startPrivateCups, type PrivateCups } from '../support/cups';

function lotdesk(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}/bin/lotdesk.mjs`, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}

describe('lotdesk scale read / print test / devices list', () => {
  let pty: PtyPair;
  let port: SerialPort;
  let sim: MtSicsSimulator;
  beforeAll(async () => {
    pty = await openPtyPair();
    port = await openSerial({ path: pty.device });
    sim = new MtSicsSimulator(port);
  });
  afterAll(async () => {
    sim?.stop();
    if (port) await closeSerial(port);
    await pty?.close();
  });

  it('scale read: a stable MT-SICS weight as JSON and as words; never stable is exit 1 with what to do', async () => {
    sim.place(512.75, 200);
    const json = await lotdesk(['scale', 'read', '--port', pty.desk, '--protocol', 'mt-sics', '--json']);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, grams: 512.75, value: 512.75, unit: 'g', source: 'mt-sics', deviceId: `mt-sics:${pty.desk}` });
    expect(json.status).toBe(0);
    const words = await lotdesk(['scale', 'read', '--port', pty.desk, '--protocol', 'mt-sics']);
    expect(words.stdout.trim()).toBe(`512.75 g (512.75 g, stable, mt-sics:${pty.desk})`);
    sim.balanceStableTimeoutMs = 100;
    sim.place(40, Infinity);
    const unstable = await lotdesk(['scale', 'read', '--port', pty.desk, '--protocol', 'mt-sics', '--timeout', '600']);
    expect(unstable.status).toBe(1);
    expect(unstable.stderr).toContain('The weight did not settle within 600 ms. Keep the pan still and weigh again.');
  }, 60_000);

  it('scale read: bad usage is exit 2; a missing port says it cannot open it', async () => {
    expect((await lotdesk(['scale', 'read', '--protocol', 'mt-sics'])).status).toBe(2);
    expect((await lotdesk(['scale', 'read', '--port', '/dev/x', '--protocol', 'scpi'])).status).toBe(2);
    const missing = await lotdesk(['scale', 'read', '--port', '/dev/lotdesk-none', '--protocol', 'toledo']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('The port /dev/lotdesk-none cannot be opened');
  }, 60_000);

  it('print test: a ZPL test label to tcp://HOST:PORT; a refused printer is exit 1 with what to do', async () => {
    const printer = new SimulatedZplPrinter();
    const tcpPort = await printer.listen();
    const got = printer.nextJob();
    const ok = await lotdesk(['print', 'test', '--printer', `tcp://127.0.0.1:${tcpPort}`, '--dpi', '300']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Test label sent to tcp:\/\/127\.0\.0\.1:\d+: \d+ bytes/);
    const zpl = (await got).bytes.toString();
    expect(zpl).toContain('^PW1200');
    expect(zpl).toContain('^FDTEST-0001^FS');
    await printer.close();
    const refused = await lotdesk(['print', 'test', '--printer', `tcp://127.0.0.1:${tcpPort}`]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('refused the connection');
  }, 60_000);

});

const noCups = cupsUnavailable();
describe.skipIf(noCups !== null)(`lotdesk devices list${noCups ? ` (skipped: ${noCups})` : ''}`, () => {
  let cups: PrivateCups;
  beforeAll(async () => {
    cups = await startPrivateCups('ListedPDF');
  }, 30_000);
  afterAll(async () => {
    await cups?.stop();
  });

  it('names the CUPS queue of the server it is given, as JSON and as a table', async () => {
    const json = await lotdesk(['devices', 'list', '--json', '--server', cups.server]);
    expect(json.status).toBe(0);
    const out = JSON.parse(json.stdout) as { devices: { kind: string; path: string; name: string }[] };
    expect(out.devices.filter((d) => d.kind === 'printer')).toEqual([{ kind: 'printer', path: 'ListedPDF', name: 'cups-pdf:/' }]);
    const table = await lotdesk(['devices', 'list', '--server', cups.server]);
    expect(table.stdout).toMatch(/^printer\s+ListedPDF\s+cups-pdf:\/$/m);
  }, 60_000);
});
