/**
 * A second desk process for the allocation race: signs in as the lead on the shared station file,
 * says "ready", waits for the go file, then allocates one order and prints the envelope.
 */
import { existsSync } from 'node:fs';
import { openDesk } from '../../src/app/open';

const [file, orderId, goFile] = process.argv.slice(2);
const { station, dispatch } = openDesk(file);
const auth = {};
const signIn = await dispatch(auth, 'session.signIn', { username: 'lead', secret: '3333' });
if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));
process.stdout.write('ready\n');
while (!existsSync(goFile)) await new Promise((r) => setTimeout(r, 1));
const envelope = await dispatch(auth, 'allocation.allocate', { orderId });
station.close();
process.stdout.write(`${JSON.stringify(envelope)}\n`);
