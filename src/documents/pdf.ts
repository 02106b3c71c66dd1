/**
 * The one place pdfmake (a process-wide singleton) is configured: our fonts, no network access,
 * and local file access only to the font folder — document definitions come partly from user
 * data (item names), so nothing in them may make pdfmake fetch a URL or read another file.
 */
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { getFontDirectory, pdfFonts } from './fonts';

let configuredFor: string | undefined;

function configure(): void {
  const dir = getFontDirectory();
  if (configuredFor === dir) return;
  pdfmake.setFonts(pdfFonts());
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path: string) => path.startsWith(dir));
  configuredFor = dir;
}

/** Renders a document definition to PDF bytes. */
export async function createPdfBuffer(doc: TDocumentDefinitions): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(doc).getBuffer();
}
