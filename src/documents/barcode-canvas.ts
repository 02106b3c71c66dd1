/**
 * A barcode placed in a pdfmake document: its modules as filled rectangles at an exact module
 * width (X-dimension), so bars land on whole printer dots at 203 and 300 dpi.
 */
import type { Alignment, CanvasElement, ContentCanvas } from 'pdfmake/interfaces';
import type { BarcodeModules } from './barcode';

/**
 * `symbol` drawn `moduleWidth` points a module; a linear symbol's one row is stretched to
 * `height` points, a matrix keeps square modules.
 */
export function barcodeCanvas(symbol: BarcodeModules, moduleWidth: number, options: { height?: number; alignment?: Alignment } = {}): ContentCanvas {
  const yScale = options.height !== undefined ? options.height / symbol.modulesHigh : moduleWidth;
  const canvas: CanvasElement[] = symbol.rects.map((r) => ({
    type: 'rect',
    x: r.x * moduleWidth,
    y: r.y * yScale,
    w: r.w * moduleWidth,
    h: r.h * yScale,
    color: 'black',
  }));
  return { canvas, ...(options.alignment ? { alignment: options.alignment } : {}) };
}
