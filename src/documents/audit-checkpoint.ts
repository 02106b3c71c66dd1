/**
 * The signed checkpoint of the audit chain's head as a PDF (issue 18): what a manager prints and
 * files, or exports. It shows the station, the newest record's number and hash, when it was signed,
 * since which record the chain is keyed and the signing key's fingerprint (what a person compares
 * later), a line for the manager's hand signature, and — small, at the end — the checkpoint's own
 * JSON line, which `lotdesk audit verify --checkpoint FILE` reads back from a text copy. English or
 * Simplified Chinese, in the embedded CJK font like every LotDesk PDF.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';
import { PDF_FONT_FAMILY } from './fonts';
import { createPdfBuffer } from './pdf';

/** The checkpoint's fields the page shows (src/app/kernel/checkpoints.ts makes them). */
export interface CheckpointFields {
  station: string;
  seq: number;
  hash: string;
  at: string;
  sealSeq: number | null;
  fingerprint: string;
}

export interface CheckpointPdfData {
  locale: Locale;
  checkpoint: CheckpointFields;
  site: string;
  /** Who printed it (the signed-in manager's name). */
  printedBy: string;
}

/** A long hex string in groups of 8, so it wraps between groups and a person can read it aloud. */
export function grouped(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(' ') ?? hex;
}

export function checkpointDocument(d: CheckpointPdfData): TDocumentDefinitions {
  const t = (key: string) => translate(d.locale, `ui.trustChain.checkpoint.${key}`);
  const c = d.checkpoint;
  const row = (label: string, value: string): Content[] => [{ text: label, bold: true }, { text: value }];
  return {
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: PDF_FONT_FAMILY, fontSize: 10 },
    info: { title: `${t('title')} #${c.seq}` },
    content: [
      { text: t('title'), fontSize: 16, bold: true, margin: [0, 0, 0, 12] },
      {
        table: {
          widths: [150, '*'],
          body: [
            row(t('site'), d.site || '-'),
            row(t('station'), c.station),
            row(t('record'), `#${c.seq}`),
            row(t('hash'), grouped(c.hash)),
            row(t('at'), c.at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')),
            row(t('sealSeq'), c.sealSeq === null ? '-' : `#${c.sealSeq}`),
            row(t('fingerprint'), grouped(c.fingerprint)),
            row(t('printedBy'), d.printedBy),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      { text: t('signHere'), margin: [0, 36, 0, 0] },
      { canvas: [{ type: 'line', x1: 0, y1: 24, x2: 260, y2: 24, lineWidth: 0.5 }] },
      { text: t('howTo'), margin: [0, 24, 0, 6] },
      { text: JSON.stringify(c), fontSize: 6, color: '#444444' },
    ],
  };
}

export function renderCheckpointPdf(d: CheckpointPdfData): Promise<Buffer> {
  return createPdfBuffer(checkpointDocument(d));
}
