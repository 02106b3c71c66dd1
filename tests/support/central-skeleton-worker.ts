/**
 * A central worker started straight from `buildCentral` (same arguments as `lotdesk central
 * --pg URL --port P --admin USER:PASS`), for the cluster harness's own test while the CLI command
 * is being built. It runs the real migrations, context and routes of src/server.
 */
import { parseArgs } from 'node:util';
import { buildCentral } from '../../src/server/app';
import { openPg } from '../../src/server/pg';

const { values } = parseArgs({ args: process.argv.slice(2), options: { pg: { type: 'string' }, port: { type: 'string' }, admin: { type: 'string' } } });
const [username, password] = (values.admin ?? '').split(':');
const app = buildCentral({ db: openPg(values.pg!), admin: username ? { username, password } : undefined });
await app.listen({ port: Number(values.port), host: '127.0.0.1' });
