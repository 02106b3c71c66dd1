/**
 * Bills of materials: a produced item (repack, blend, kit) names the component items it may be
 * made of. A component lot of any other item is refused, so a wrong scan cannot enter a lot's
 * genealogy.
 */
import { fail } from './errors';

export interface Component {
  itemId: string;
  sku: string;
  lotCode: string;
}

/** Throws unless the produced item has a BOM and every component's item is on it. */
export function assertComponentsInBom(producedSku: string, bom: ReadonlySet<string>, components: readonly Component[], field = 'components'): void {
  if (bom.size === 0) throw fail.rule('errors.transform.noBom', { item: producedSku }, 'itemId');
  components.forEach((c, i) => {
    if (!bom.has(c.itemId)) throw fail.rule('errors.transform.notInBom', { lot: c.lotCode, sku: c.sku, item: producedSku }, `${field}.${i}.lotId`);
  });
}
