/** The trace graph's look: one colour and shape per node kind, fixed sizes (no label measuring on a 10k-node graph), labels dropped when zoomed far out. */
import type { StylesheetJson } from 'cytoscape';

export const KIND_COLOURS = {
  root: '#d9480f',
  lot: '#1c7ed6',
  supplier: '#2b8a3e',
  receipt: '#8ce99a',
  customer: '#7048e8',
  shipment: '#d0bfff',
} as const;

const BASE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      'text-valign': 'center',
      'text-halign': 'center',
      'min-zoomed-font-size': 7,
      width: 150,
      height: 26,
      shape: 'round-rectangle',
      color: '#fff',
      'border-width': 0,
    },
  },
  { selector: 'node[kind = "root"]', style: { 'background-color': KIND_COLOURS.root, width: 170, height: 34, 'font-size': 13, 'font-weight': 'bold' } },
  { selector: 'node[kind = "lot"]', style: { 'background-color': KIND_COLOURS.lot } },
  { selector: 'node[kind = "supplier"]', style: { 'background-color': KIND_COLOURS.supplier, shape: 'hexagon', width: 160, height: 34 } },
  { selector: 'node[kind = "receipt"]', style: { 'background-color': KIND_COLOURS.receipt, color: '#1b1b1b', shape: 'rectangle', width: 130 } },
  { selector: 'node[kind = "customer"]', style: { 'background-color': KIND_COLOURS.customer, shape: 'hexagon', width: 160, height: 34 } },
  { selector: 'node[kind = "shipment"]', style: { 'background-color': KIND_COLOURS.shipment, color: '#1b1b1b', shape: 'rectangle', width: 130 } },
  { selector: 'node.folded', style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': '#343a40' } },
  { selector: 'node.grouped', style: { 'border-width': 3, 'border-color': '#343a40' } },
  { selector: 'node:selected', style: { 'overlay-color': '#fab005', 'overlay-opacity': 0.35, 'overlay-padding': 4 } },
  { selector: 'node.lit', style: { 'border-width': 4, 'border-color': '#fab005', 'border-style': 'solid' } },
  { selector: '.dim', style: { opacity: 0.25 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#adb5bd',
      'curve-style': 'straight',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#adb5bd',
      'arrow-scale': 0.8,
    },
  },
  { selector: 'edge[kind = "link"]', style: { 'line-color': '#4dabf7', 'target-arrow-color': '#4dabf7', width: 2 } },
  {
    selector: 'edge[kind = "grouped"]',
    style: { label: 'data(label)', 'font-size': 10, 'text-background-color': '#fff', 'text-background-opacity': 1, 'min-zoomed-font-size': 7, 'line-style': 'dashed' },
  },
];

/**
 * A large graph drops what costs most to lay out and draw (Cytoscape's own advice): haystack
 * edges without arrows or labels (a grouped party's label carries its count), plain rectangles.
 */
const LARGE: StylesheetJson = [
  { selector: 'node', style: { shape: 'rectangle' } },
  { selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', width: 1 } },
  { selector: 'edge[kind = "grouped"]', style: { label: '' } },
];

export function graphStyle(large: boolean): StylesheetJson {
  return large ? [...BASE, ...LARGE] : BASE;
}
