/**
 * What the ERP loop needs of the central database: a query, and a transaction whose queries run
 * on one connection. Both node-postgres and PGlite answer `query(text, params)` with `{ rows }`,
 * so the same SQL runs on either (docs/DESIGN.md, "ERP loop").
 */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface ErpDb extends Sql {
  tx<T>(body: (q: Sql) => Promise<T>): Promise<T>;
}

/** node-postgres: a transaction takes one client of the pool for its whole length. */
export function fromPool(pool: {
  query: Sql['query'];
  connect(): Promise<{ query: Sql['query']; release(err?: boolean | Error): void }>;
}): ErpDb {
  return {
    query: (text, params) => pool.query(text, params),
    async tx(body) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await body(client);
        await client.query('COMMIT');
        client.release();
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(true);
        throw err;
      }
    },
  };
}

/** PGlite: one connection; its `transaction` queues other work behind it. */
export function fromPglite(pg: { query: Sql['query']; transaction<T>(body: (tx: Sql) => Promise<T>): Promise<T> }): ErpDb {
  return { query: (text, params) => pg.query(text, params), tx: (body) => pg.transaction((tx) => body(tx)) };
}
