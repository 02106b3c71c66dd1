/**
 * Reads a ZPL `^BC` (mode N) field back the way a printer does: start code, invocation codes,
 * digit pairs in subset C, single characters in subset B. Returns what a scanner would
 * transmit: "]C1" + data with GS for each FNC1 after the first (or "]C0" + data without a
 * leading FNC1). Throws where a printer would drop data (a lone digit in subset C).
 */
export function decodeZplCode128(fieldData: string): { transmitted: string; codewords: number } {
  let i = 0;
  const next = (): string => {
    if (i >= fieldData.length) throw new Error('field data ends inside an invocation code');
    return fieldData[i++];
  };
  if (fieldData[0] !== '>') throw new Error('no start code');
  i = 1;
  const startCode = next();
  let subset: 'A' | 'B' | 'C' = startCode === ';' ? 'C' : startCode === ':' ? 'B' : startCode === '9' ? 'A' : (() => {
    throw new Error(`bad start code >${startCode}`);
  })();
  let out = '';
  let fnc1Count = 0;
  let leadingFnc1 = false;
  let codewords = 1;
  while (i < fieldData.length) {
    const c = next();
    codewords++;
    if (c === '>') {
      const code = next();
      if (code === '8') {
        if (out.length === 0 && fnc1Count === 0) leadingFnc1 = true;
        else out += '\u001d';
        fnc1Count++;
      } else if (code === '5') subset = 'C';
      else if (code === '6') subset = subset === 'B' ? (() => { throw new Error('>6 in subset B is FNC4, not expected'); })() : 'B';
      else if (code === '7') subset = 'A';
      else if (code === '<' && subset !== 'C') out += '>';
      else if (code === '=' && subset === 'B') out += '~';
      else throw new Error(`unexpected invocation >${code} in subset ${subset}`);
      continue;
    }
    if (subset === 'C') {
      const d2 = i < fieldData.length ? fieldData[i] : '';
      if (!/\d/.test(c) || !/\d/.test(d2)) throw new Error(`unpaired digit "${c}" in subset C at ${i - 1}`);
      i++;
      out += c + d2;
    } else {
      if (subset === 'A' && /[a-z]/.test(c)) throw new Error('lower case in subset A');
      out += c;
    }
  }
  return { transmitted: (leadingFnc1 ? ']C1' : ']C0') + out, codewords };
}
