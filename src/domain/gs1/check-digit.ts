/**
 * GS1 mod-10 check digit (GTIN, SSCC, GLN, GRAI, GSRN…): weights 3,1,3,1… from the right,
 * counting the digit before the check digit as the first.
 */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  for (let i = digitsWithoutCheck.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    const d = digitsWithoutCheck.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError(`not a digit at ${i}`);
    sum += d * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the GS1 check digit of the others. */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}
