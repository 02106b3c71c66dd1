import { describe, expect, it } from 'vitest';
import { componentProposal, componentRefusal, madeFromPath } from '../../../src/domain/bom';

/** A BOM graph as "item → the items it is made from", read the way boms.set reads the database. */
function graph(links: Record<string, string[]>) {
  const visits: string[] = [];
  const componentsOf = (id: string) => {
    visits.push(id);
    return links[id] ?? [];
  };
  return { componentsOf, visits };
}

describe('madeFromPath', () => {
  it('finds a direct loop: B is made from A, so A under B would close it', () => {
    const { componentsOf } = graph({ B: ['A'] });
    expect(madeFromPath('B', 'A', componentsOf)).toEqual(['B', 'A']);
  });

  it('returns an indirect path in order, from the start to the target', () => {
    const { componentsOf } = graph({ KIT: ['BOX', 'BAG'], BAG: ['RICE'], RICE: ['PADDY'], BOX: ['CARD'] });
    expect(madeFromPath('KIT', 'PADDY', componentsOf)).toEqual(['KIT', 'BAG', 'RICE', 'PADDY']);
  });

  it('returns the shortest of several paths', () => {
    const { componentsOf } = graph({ A: ['B', 'C'], B: ['D'], D: ['E'], C: ['E'] });
    expect(madeFromPath('A', 'E', componentsOf)).toEqual(['A', 'C', 'E']);
  });

  it('returns null when the target is not reached, and for a start with no BOM', () => {
    const { componentsOf } = graph({ A: ['B'], B: ['C'], X: ['A'] });
    expect(madeFromPath('A', 'X', componentsOf)).toBeNull();
    expect(madeFromPath('C', 'A', componentsOf)).toBeNull();
    expect(madeFromPath('NONE', 'A', componentsOf)).toBeNull();
  });

  it('terminates on diamond graphs, reading each item once', () => {
    // Layers of diamonds: every item is reached along many paths (2^10 from TOP to the bottom).
    const links: Record<string, string[]> = {};
    for (let layer = 0; layer < 10; layer++) {
      const top = layer === 0 ? 'TOP' : `J${layer}`;
      links[top] = [`L${layer + 1}`, `R${layer + 1}`];
      links[`L${layer + 1}`] = [`J${layer + 1}`];
      links[`R${layer + 1}`] = [`J${layer + 1}`];
    }
    const { componentsOf, visits } = graph(links);
    expect(madeFromPath('TOP', 'ELSEWHERE', componentsOf)).toBeNull();
    expect(visits.length).toBe(new Set(visits).size);
    expect(new Set(visits).size).toBe(31); // TOP, and L, R, J in each of 10 layers

    const found = graph(links);
    expect(madeFromPath('TOP', 'J10', found.componentsOf)).toHaveLength(21);
    expect(found.visits.length).toBe(new Set(found.visits).size);
  });

  it('terminates on data that already holds a loop elsewhere', () => {
    const { componentsOf, visits } = graph({ A: ['B'], B: ['C'], C: ['B', 'A'] });
    expect(madeFromPath('A', 'Z', componentsOf)).toBeNull();
    expect(visits.sort()).toEqual(['A', 'B', 'C']);
  });
});

describe('componentRefusal (the desk at the scan, the core at save)', () => {
  const oil = { itemId: 'oil', sku: 'OIL-5L', lotCode: 'L-1' };
  it('names the lot, its item and the produced item when the item is not on the BOM', () => {
    expect(componentRefusal('GIFT-TEA', new Set(['tea', 'soy']), oil, 'scan')?.data).toEqual({
      code: 'rule',
      key: 'errors.transform.notInBom',
      params: { lot: 'L-1', sku: 'OIL-5L', item: 'GIFT-TEA' },
      field: 'scan',
    });
  });
  it('says the produced item has no BOM, and accepts a component on it', () => {
    expect(componentRefusal('GIFT-TEA', new Set(), oil, 'scan')?.data).toMatchObject({ key: 'errors.transform.noBom', field: 'itemId' });
    expect(componentRefusal('GIFT-TEA', new Set(['oil']), oil, 'scan')).toBeNull();
  });
});

describe('componentProposal', () => {
  it('is the quantity per unit times the units made, without float noise', () => {
    expect(componentProposal(1, 3, 10)).toEqual({ quantity: 3, need: 3, short: false });
    expect(componentProposal(0.1, 3, 10)).toEqual({ quantity: 0.3, need: 0.3, short: false });
    expect(componentProposal(5, 2, 10)).toEqual({ quantity: 10, need: 10, short: false });
  });

  it('takes at most what is free in the bin, and says it is short', () => {
    expect(componentProposal(1, 6, 4)).toEqual({ quantity: 4, need: 6, short: true });
    expect(componentProposal(2.5, 2, 10.1 - 6)).toEqual({ quantity: 4.1, need: 5, short: true });
    expect(componentProposal(1, 2, -1)).toEqual({ quantity: 0, need: 2, short: true });
  });
});
