/** `lotdesk audit verify --db FILE`: exit 0 when the chain is intact, 1 naming each broken record. */
import { parseArgs } from 'node:util';
import { openDatabase } from '../store/db';
import { verifyAudit } from '../app/audit';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
  if (!values.db) {
    console.error('lotdesk audit verify: --db FILE is required');
    return 2;
  }
  const db = openDatabase(values.db);
  try {
    const { records, problems } = verifyAudit(db);
    if (problems.length === 0) {
      console.log(`audit trail intact: ${records} records`);
      return 0;
    }
    for (const p of problems) console.log(`audit record #${p.seq} (${p.id}): ${p.problem.replaceAll('_', ' ')}`);
    console.log(`audit trail BROKEN: ${problems.length} problem(s) in ${records} records`);
    return 1;
  } finally {
    db.close();
  }
}
