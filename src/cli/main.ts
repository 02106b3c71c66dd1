/**
 * The `lotdesk` command line. Each command lives in its own module and is loaded on demand,
 * so `lotdesk gs1 parse` does not pay for opening SQLite or starting a server.
 */
export interface CliCommand {
  /** Words that select the command, e.g. ['gs1', 'parse']. */
  path: string[];
  summary: string;
  usage: string;
  load: () => Promise<{ run(args: string[]): Promise<number> }>;
}

export const COMMANDS: CliCommand[] = [
  {
    path: ['gs1', 'parse'],
    usage: 'gs1 parse <scan> [--gs <char>]',
    summary: 'Parse a scan (AIM prefix, GS, HRI or Digital Link) and print JSON',
    load: () => import('./gs1-parse'),
  },
  {
    path: ['gs1', 'encode'],
    usage: 'gs1 encode "(01)…(10)…" --format gs1-128|datamatrix|qr|zpl [--out FILE]',
    summary: 'Render GS1 element string as PNG (or ZPL text)',
    load: () => import('./gs1-encode'),
  },
  {
    path: ['seed'],
    usage: 'seed --db FILE [--demo | --scale N]',
    summary: 'Create a database with the demo data set or N generated lots',
    load: () => import('./seed'),
  },
  {
    path: ['audit', 'verify'],
    usage: 'audit verify --db FILE [--keys FILE] [--checkpoint FILE]… [--lang en|zh-CN]',
    summary: 'Check the keyed audit chain, the ledger in it and the signed checkpoints (read-only); name what is wrong',
    load: () => import('./audit-verify'),
  },
  {
    path: ['audit', 'checkpoint'],
    usage: 'audit checkpoint --db FILE [--keys FILE] [--out FILE] [--lang en|zh-CN]',
    summary: "Sign the audit chain's head with the station key and print it (or write it to --out) to file or print",
    load: () => import('./audit-checkpoint'),
  },
  {
    path: ['store', 'rebuild-balances'],
    usage: 'store rebuild-balances --db FILE [--keys FILE]',
    summary: 'Rebuild balances from the ledger and report any difference; refuses a ledger failing the chain check or below zero',
    load: () => import('./rebuild-balances'),
  },
  {
    path: ['backup'],
    usage: 'backup --db FILE --out DIR [--keep-days N]',
    summary: 'Online backup of a station database with its manifest (SHA-256, schema, audit head); keep N days',
    load: () => import('./backup'),
  },
  {
    path: ['restore'],
    usage: 'restore --from FILE --db FILE [--keys FILE]',
    summary: 'Check a backup (integrity, version, audit chain), move the database aside and swap the backup in',
    load: () => import('./restore'),
  },
  {
    path: ['trace'],
    usage: 'trace <lot-code|scan> --db FILE [--direction forward|backward|both] [--json] [--lang en|zh-CN] [--fsma OUT.xlsx|OUT.csv] [--epcis OUT.jsonld]',
    summary: "Trace a lot: descendants and their customers, ancestors and their suppliers",
    load: () => import('./trace'),
  },
  {
    path: ['recall'],
    usage: 'recall <lot-code|scan> --db FILE [--mock] --pdf OUT.pdf [--lang en|zh-CN] [--reason TEXT] [--class I|II|III] [--user NAME]',
    summary: 'Start a recall or a timed mock recall of a lot and write its report (LOTDESK_SECRET: the manager\'s PIN or password)',
    load: () => import('./recall'),
  },
  {
    path: ['devices', 'list'],
    usage: 'devices list [--json] [--server CUPS]',
    summary: 'List the HID scanners and scales, serial ports and CUPS printers this machine sees',
    load: () => import('./devices-list'),
  },
  {
    path: ['scale', 'read'],
    usage: 'scale read --port PATH --protocol mt-sics|toledo|hid [--baud N] [--parity P] [--timeout MS] [--json]',
    summary: 'Read one stable weight from a serial (MT-SICS, Toledo continuous) or USB HID scale',
    load: () => import('./scale-read'),
  },
  {
    path: ['print', 'test'],
    usage: 'print test --printer NAME|tcp://HOST[:PORT] [--dpi 203|300] [--server CUPS] [--option k=v]',
    summary: 'Print a test lot label to a CUPS queue (PDF) or a ZPL printer over TCP 9100',
    load: () => import('./print-test'),
  },
  {
    path: ['central', 'api-key', 'create'],
    usage: 'central api-key create --name NAME --site CODE [--pg URL | --data DIR] [--json]',
    summary: "Create an ERP integration's API key for one site (printed once; only its hash is kept)",
    load: async () => (await import('./erp-api-key')).create,
  },
  {
    path: ['central', 'api-key', 'revoke'],
    usage: 'central api-key revoke --name NAME [--pg URL | --data DIR]',
    summary: "Revoke an ERP integration's API key (refused from its next request)",
    load: async () => (await import('./erp-api-key')).revoke,
  },
  {
    path: ['central', 'api-key', 'list'],
    usage: 'central api-key list [--pg URL | --data DIR] [--json]',
    summary: 'List the ERP integrations: name, site, key prefix, active or revoked',
    load: async () => (await import('./erp-api-key')).list,
  },
  {
    path: ['serve'],
    usage: 'serve [--db FILE] [--port N] [--lan]',
    summary: 'Serve the station API and UI over HTTP (PORT, LOTDESK_DATA honoured)',
    load: () => import('./serve'),
  },
  {
    path: ['central'],
    usage: 'central [--pg URL] [--port N] [--data DIR] [--admin USER:PASS] [--renderer DIR]',
    summary: 'Run the central server (PGlite in --data by default; LOTDESK_PG, LOTDESK_CENTRAL_ADMIN honoured)',
    load: () => import('./central'),
  },
  {
    path: ['central', 'audit-verify'],
    usage: 'central audit-verify [--pg URL | --data DIR] [--lang en|zh-CN]',
    summary: "Walk the hash chain of the centre's audit (read-only) and name the first broken row; exit 0 intact, 1 broken",
    load: () => import('./central-audit-verify'),
  },
  {
    path: ['central', 'enrol-code'],
    usage: 'central enrol-code --site CODE [--pg URL] [--data DIR] [--json]',
    summary: 'Make a one-time enrolment code (24 h) for a desk of a site',
    load: () => import('./central-enrol-code'),
  },
];

function helpText(): string {
  const lines = ['Usage: lotdesk <command> [options]', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.usage.padEnd(58)} ${c.summary}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(helpText());
    return 0;
  }
  const match = COMMANDS.filter((c) => c.path.every((word, i) => argv[i] === word)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
  if (!match) {
    console.error(`lotdesk: unknown command "${argv.join(' ')}"\n\n${helpText()}`);
    return 2;
  }
  const rest = argv.slice(match.path.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`Usage: lotdesk ${match.usage}\n\n${match.summary}`);
    return 0;
  }
  const mod = await match.load();
  try {
    return await mod.run(rest);
  } catch (err) {
    // node:util parseArgs rejects unknown options and missing values: a usage error, not a crash.
    if (String((err as { code?: string }).code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`lotdesk ${match.path.join(' ')}: ${(err as Error).message}\nUsage: lotdesk ${match.usage}`);
      return 2;
    }
    throw err;
  }
}
