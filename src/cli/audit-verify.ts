/** `lotdesk audit verify --db FILE`: exit 0 when the chain is intact, 1 naming each broken record. */
import { verifyAudit } from '../app/kernel/audit-log';
import { withDb } from './with-db';

export async function run(args: string[]): Promise<number> {
  return withDb('audit verify', args, (db) => {
    const { records, problems } = verifyAudit(db);
    if (problems.length === 0) {
      console.log(`audit trail intact: ${records} records`);
      return 0;
    }
    for (const p of problems) console.log(`audit record #${p.seq} (${p.id}): ${p.problem.replaceAll('_', ' ')}`);
    console.log(`audit trail BROKEN: ${problems.length} problem(s) in ${records} records`);
    return 1;
  });
}
