/**
 * The cluster harness on real PostgreSQL: three central workers started together on a fresh
 * database migrate it once (the advisory lock), answer /health with one centre id, and a worker
 * killed with SIGKILL comes back on its port with the same centre. The database is dropped after.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startCluster, testDatabase, type Cluster } from '../support/central-cluster';
import { CENTRAL_MIGRATIONS } from '../../src/server/migrations';

let cluster: Cluster | undefined;
afterAll(async () => {
  await cluster?.stop();
});

const health = async (url: string) => (await (await fetch(`${url}/health`)).json()) as { ok: boolean; centreId: string };

describe('central cluster harness', () => {
  it('starts 3 workers on one fresh database, kills one with SIGKILL and starts it again', { timeout: 90_000 }, async () => {
    cluster = await startCluster({ workers: 3, signIn: false });
    const ids = await Promise.all(cluster.urls.map(health));
    expect(new Set(ids.map((h) => h.centreId)).size).toBe(1);
    expect(await cluster.db.query('SELECT version FROM schema_version ORDER BY version')).toEqual(CENTRAL_MIGRATIONS.map((m) => ({ version: m.version })));
    expect(await cluster.db.query('SELECT count(*)::int AS n FROM centre')).toEqual([{ n: 1 }]);

    const [, victim] = cluster.workers;
    await victim.kill9();
    expect(victim.child?.signalCode).toBe('SIGKILL');
    await expect(fetch(`${victim.url}/health`)).rejects.toThrow();
    await victim.start();
    expect((await health(victim.url)).centreId).toBe(ids[0].centreId);
    const dbName = cluster.db.name;
    await cluster.stop();
    cluster = undefined;
    const probe = await testDatabase('lotdesk_faults_probe');
    expect(await probe.query('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [dbName])).toEqual([{ n: 0 }]);
    await probe.drop();
  });
});
