/** The audit trail names every command and result it can hold in words of both languages, never as a raw id. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '../../src/contract/contract';
import { messages } from '../../src/i18n/catalog';
import { LOCALES } from '../../src/i18n/locales';
import type { MessageTree } from '../../src/i18n/locales';
import { commandLabelKey, resultLabelKey } from '../../src/i18n/audit-labels';
import { REFUSED_RESULTS } from '../../src/app/people/secret-lockout';
import { ROOT } from '../support/cli';

const text = (tree: MessageTree, key: string): unknown => key.split('.').reduce<unknown>((t, k) => (t as MessageTree | undefined)?.[k], tree);

/** Audit records written beside a command under their own name (`command: 'picking.override'` in src/app). */
function recordedBeside(): string[] {
  const dir = join(ROOT, 'src/app');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const names = files.flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/command: '([a-z]+\.[a-zA-Z]+)'/g)].map((m) => m[1]));
  return [...new Set(names)];
}

describe('audit labels', () => {
  const commands = Object.entries(contract).filter(([, e]) => e.kind === 'command').map(([name]) => name);

  it.each(LOCALES)('labels every audited command in %s', (locale) => {
    expect(commands.length).toBeGreaterThan(20);
    expect(recordedBeside()).toEqual(expect.arrayContaining(['picking.override', 'seed.demo', 'seed.scale']));
    const missing = [...commands, ...recordedBeside()].filter((c) => typeof text(messages[locale], commandLabelKey(c)) !== 'string');
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)('labels every result in %s', (locale) => {
    const missing = ['ok', ...REFUSED_RESULTS].filter((r) => typeof text(messages[locale], resultLabelKey(r)) !== 'string');
    expect(missing).toEqual([]);
  });

  it('writes the Chinese labels in Chinese', () => {
    for (const c of commands) expect(text(messages['zh-CN'], commandLabelKey(c)), c).toMatch(/[\u4e00-\u9fff]/);
    for (const r of ['ok', ...REFUSED_RESULTS]) expect(text(messages['zh-CN'], resultLabelKey(r)), r).toMatch(/[\u4e00-\u9fff]/);
  });
});
