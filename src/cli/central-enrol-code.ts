/** `lotdesk central enrol-code --site CODE`: a one-time enrolment code (24 h) for a desk of the site. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { CLI_ACTOR } from '../server/central-audit';
import { createEnrolmentCode } from '../server/enrolment';
import { migrateCentral } from '../server/migrations';
import { openCentralDb } from '../server/pg';
import { DEFAULT_CENTRAL_DATA } from './central';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, pg: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.site) {
    console.error('lotdesk central enrol-code: --site CODE is required');
    return 2;
  }
  const db = await openCentralDb({ pg: values.pg ?? process.env.LOTDESK_PG, dataDir: resolve(values.data ?? process.env.LOTDESK_CENTRAL_DATA ?? DEFAULT_CENTRAL_DATA) });
  try {
    await migrateCentral(db);
    const code = await createEnrolmentCode(db, values.site, CLI_ACTOR);
    console.log(values.json ? JSON.stringify(code) : `Enrolment code for site ${code.siteCode}: ${code.code} (one use, until ${code.expiresAt})`);
    return 0;
  } finally {
    await db.close();
  }
}
