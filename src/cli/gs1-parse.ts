/**
 * `lotdesk gs1 parse <scan> [--gs <char>]`: prints the parse result as JSON (exit 0 when valid,
 * 1 when not, 2 on bad usage). Support staff paste a scan here to see what the scanner sent;
 * the four characters `\x1D` stand for a GS, since a shell argument rarely holds a real one.
 */
import { parseScan } from '../domain/gs1';
import { translate } from '../i18n/translate';

const USAGE = 'Usage: lotdesk gs1 parse <scan> [--gs <char>]';

export async function run(args: string[]): Promise<number> {
  let scan: string | undefined;
  let gsSubstitute: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--gs') gsSubstitute = args[++i];
    else if (scan === undefined) scan = args[i];
    else scan = undefined; // more than one scan: refuse below rather than guess
  }
  if (scan === undefined || (args.includes('--gs') && !gsSubstitute)) {
    console.error(USAGE);
    return 2;
  }
  const result = parseScan(scan.replace(/\\x1d/gi, '\x1d'), gsSubstitute === undefined ? {} : { gsSubstitute });
  if (result.ok) {
    console.log(JSON.stringify(result));
    return 0;
  }
  const { code, ai, position, key, params } = result.error;
  const message = translate('en', key, params);
  console.log(JSON.stringify({ ok: false, error: { code, ai, position, message } }));
  return 1;
}
