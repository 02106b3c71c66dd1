/**
 * Bills of materials: a produced item (repack, blend, kit) names the component items it may be
 * made of. A component lot of any other item is refused, so a wrong scan cannot enter a lot's
 * genealogy.
 */
import { fail, type AppError } from './errors';
import { QTY_SCALE } from './quantity';

export interface Component {
  itemId: string;
  sku: string;
  lotCode: string;
}

/** Why a component lot may not go into the produced item (no BOM, or its item not on it), or null. */
export function componentRefusal(producedSku: string, bom: ReadonlySet<string>, c: Component, field: string): AppError | null {
  if (bom.size === 0) return fail.rule('errors.transform.noBom', { item: producedSku }, 'itemId');
  if (!bom.has(c.itemId)) return fail.rule('errors.transform.notInBom', { lot: c.lotCode, sku: c.sku, item: producedSku }, field);
  return null;
}

/** Throws unless the produced item has a BOM and every component's item is on it. */
export function assertComponentsInBom(producedSku: string, bom: ReadonlySet<string>, components: readonly Component[], field = 'components'): void {
  if (bom.size === 0) throw fail.rule('errors.transform.noBom', { item: producedSku }, 'itemId');
  components.forEach((c, i) => {
    const refusal = componentRefusal(producedSku, bom, c, `${field}.${i}.lotId`);
    if (refusal) throw refusal;
  });
}

/**
 * How `from` is already made, through the BOMs, out of `to`: the SKUs or ids [from, …, to] along
 * "is made from" links, or null. A BOM that put `from` under `to` would close that loop.
 */
export function madeFromPath(from: string, to: string, componentsOf: (itemId: string) => readonly string[]): string[] | null {
  const reachedFrom = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    if (at === to) {
      const path: string[] = [];
      for (let step: string | null = at; step !== null; step = reachedFrom.get(step) ?? null) path.unshift(step);
      return path;
    }
    for (const next of componentsOf(at)) {
      if (!reachedFrom.has(next)) {
        reachedFrom.set(next, at);
        queue.push(next);
      }
    }
  }
  return null;
}

/**
 * What a component lot is proposed to give toward `made` units of the produced item: the BOM's
 * quantity per unit × `made`, at most what is `free` in its bin (`short` when that is less).
 * Rounded to the thousandths quantities are kept in, so 0.1 × 3 is 0.3.
 */
export function componentProposal(perUnit: number, made: number, free: number): { quantity: number; need: number; short: boolean } {
  const round = (n: number) => Math.round(n * QTY_SCALE) / QTY_SCALE;
  const need = round(perUnit * made);
  const available = Math.max(0, round(free));
  return { quantity: Math.min(need, available), need, short: available < need };
}
