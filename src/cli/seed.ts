/** `lotdesk seed --db FILE [--demo | --scale N]`: a fresh database with the demo set or N generated lots. */
import { existsSync } from 'node:fs';
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { seedDemo, seedScale } from '../app/demo/seed-scale';
import { isEmptyStation } from '../app/demo/demo-data';
import { openStation } from '../app/kernel/station';
import { FIVE_YEAR_SUPPLIER } from '../app/demo/seed-qc';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, demo: { type: 'boolean' }, scale: { type: 'string' } } });
  if (!values.db) {
    console.error('lotdesk seed: --db FILE is required');
    return 2;
  }
  const scale = values.scale === undefined ? undefined : Number(values.scale);
  if (scale !== undefined && !(Number.isInteger(scale) && scale > 0)) {
    console.error('lotdesk seed: --scale takes a positive whole number of lots');
    return 2;
  }
  // The station gives the database its schema, station id and keyed chain; the seed's rows go into that chain.
  const station = openStation(values.db);
  const db = station.db;
  try {
    if (!isEmptyStation(db)) {
      console.error(`lotdesk seed: ${values.db} already holds data; seed a new file`);
      return 1;
    }
    const started = performance.now();
    const counts = scale ? seedScale(db, scale, new Date()) : null;
    if (!scale) seedDemo(db, new Date());
    db.pragma('wal_checkpoint(TRUNCATE)');
    const seconds = (performance.now() - started) / 1000;
    const size = existsSync(values.db) ? statSync(values.db).size : 0;
    console.log(`seeded ${values.db}: ${counts ? `${counts.lots} lots, ${counts.movements} movements, ${counts.links} links, ${counts.shipmentLines} shipment lines in ${counts.shipments} shipments, ${counts.receipts} receipts, ${counts.maxLevel} levels deep, ${counts.qc.inspections} QC inspections with ${counts.qc.results} results (${counts.qc.fiveYearLots} lots of ${FIVE_YEAR_SUPPLIER} over five years)` : 'demo data'} in ${seconds.toFixed(1)} s, ${(size / 1048576).toFixed(1)} MiB`);
    return 0;
  } finally {
    station.close();
  }
}
