/**
 * `lotdesk central api-key create|revoke|list`: a central admin's integration keys, on the
 * centre's database (--pg URL or LOTDESK_PG, else the embedded PostgreSQL in --data DIR). The key
 * is printed once; the centre keeps only its hash.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../domain/errors';
import { translate } from '../i18n/translate';
import { openCentralDb } from '../server/pg';
import { CLI_ACTOR, recordAudit } from '../server/central-audit';
import { migrateCentral } from '../server/migrations';
import { erpDb, migrateErp } from '../server/erp/central';
import { createApiKey, listApiKeys, revokeApiKey } from '../server/erp/keys';

const OPTIONS = { name: { type: 'string' }, site: { type: 'string' }, pg: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' } } as const;

export async function runApiKey(action: 'create' | 'revoke' | 'list', args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: OPTIONS });
  if (action !== 'list' && !values.name) {
    console.error(`lotdesk central api-key ${action}: --name NAME is required`);
    return 2;
  }
  if (action === 'create' && !values.site) {
    console.error('lotdesk central api-key create: --site CODE is required');
    return 2;
  }
  const db = await openCentralDb({ pg: values.pg ?? process.env.LOTDESK_PG, dataDir: values.data ?? join(homedir(), '.lotdesk-central') });
  try {
    await migrateCentral(db);
    await migrateErp(db);
    const q = erpDb(db);
    if (action === 'create') {
      const made = await q.tx(async (tx) => {
        const key = await createApiKey(tx, values.name!, values.site!, 'cli');
        await recordAudit(tx, { by: CLI_ACTOR, action: 'erp_key_created', object: 'erp_key', objectId: key.name, before: null, after: { id: key.id, siteCode: key.siteCode, keyPrefix: key.key.slice(0, 10) } });
        return key;
      });
      console.log(values.json ? JSON.stringify(made) : `Integration ${made.name} (site ${made.siteCode})\nAPI key (shown once, keep it in the ERP's secret store):\n${made.key}`);
    } else if (action === 'revoke') {
      await q.tx(async (tx) => {
        await revokeApiKey(tx, values.name!);
        await recordAudit(tx, { by: CLI_ACTOR, action: 'erp_key_revoked', object: 'erp_key', objectId: values.name!, before: { revoked: false }, after: { revoked: true } });
      });
      console.log(`Revoked the key of ${values.name}.`);
    } else {
      const keys = await listApiKeys(q);
      if (values.json) console.log(JSON.stringify(keys));
      else for (const k of keys) console.log(`${k.name.padEnd(24)} ${k.siteCode.padEnd(8)} ${k.keyPrefix}…  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`lotdesk central api-key ${action}: ${translate('en', err.data.key, err.data.params)}`);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

export const create = { run: (args: string[]) => runApiKey('create', args) };
export const revoke = { run: (args: string[]) => runApiKey('revoke', args) };
export const list = { run: (args: string[]) => runApiKey('list', args) };
