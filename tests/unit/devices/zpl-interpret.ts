/**
 * What a Zebra printer does with the Code 128 fields of a ZPL job, done offline so the bars can
 * be decoded: each `^BY` module width and `^BC…^FD…^FS` field is read, and the field data in
 * mode N is turned into Code 128 codewords by the invocation codes of the ZPL II Programming
 * Guide (^BC, "Code 128 Invocation Characters"): `>;` start C (105), `>:` start B (104),
 * `>5` code C (99), `>6` code B (100), `>8` FNC1 (102), `><` a literal ">". In subset B a
 * character is its ASCII code − 32; in subset C a digit pair is its value. bwip-js then draws
 * exactly those codewords (code128 `raw`), one module = `^BY` dots, for zxing to read.
 * No offline ZPL renderer exists on npm, so this is our own reading of the fields the printer
 * received: it proves the ^FD data and subset switches encode the expected GS1 data at a whole
 * number of dots per module — not that a given firmware prints the rest of the label as drawn.
 */
import bwipjs from 'bwip-js/node';

export interface ZplCode128 {
  moduleDots: number;
  heightDots: number;
  x: number;
  y: number;
  codewords: number[];
}

export function code128Fields(zpl: string): ZplCode128[] {
  const out: ZplCode128[] = [];
  const re = /\^FO(\d+),(\d+)\^BY(\d+)\^BCN,(\d+),N,N,N,N\^FD(.*?)\^FS/g;
  for (const m of zpl.matchAll(re)) {
    out.push({ x: Number(m[1]), y: Number(m[2]), moduleDots: Number(m[3]), heightDots: Number(m[4]), codewords: codewordsOf(m[5]) });
  }
  return out;
}

export function codewordsOf(fd: string): number[] {
  const cws: number[] = [];
  let subset: 'B' | 'C' | null = null;
  for (let i = 0; i < fd.length; ) {
    if (fd[i] === '>') {
      const code = fd[i + 1];
      i += 2;
      const switches: Record<string, [number, 'B' | 'C']> = { ';': [105, 'C'], ':': [104, 'B'], '5': [99, 'C'], '6': [100, 'B'] };
      if (switches[code]) {
        cws.push(switches[code][0]);
        subset = switches[code][1];
      } else if (code === '8') cws.push(102);
      else if (code === '<') cws.push('>'.charCodeAt(0) - 32);
      else throw new Error(`invocation >${code} not used by our labels`);
      continue;
    }
    if (subset === 'C') {
      const pair = fd.slice(i, i + 2);
      if (!/^\d\d$/.test(pair)) throw new Error(`subset C needs a digit pair, got ${JSON.stringify(pair)}`);
      cws.push(Number(pair));
      i += 2;
    } else if (subset === 'B') {
      cws.push(fd.charCodeAt(i) - 32);
      i += 1;
    } else throw new Error('field data before a start code');
  }
  return cws;
}

/** The symbol as the printer would draw it: `moduleDots` pixels per module, 10 modules quiet zone. */
export function renderCodewords(field: ZplCode128): Promise<Buffer> {
  const text = field.codewords.map((c) => `^${String(c).padStart(3, '0')}`).join('');
  return bwipjs.toBuffer({ bcid: 'code128', text, raw: true, scale: field.moduleDots, height: Math.max(8, Math.round(field.heightDots / field.moduleDots / 2.835)), paddingwidth: 10, paddingheight: 4, backgroundcolor: 'FFFFFF' } as Parameters<typeof bwipjs.toBuffer>[0]);
}
