/**
 * Silent PDF printing in the Electron shell (issue 19) as pure decisions, tested without a display
 * (tests/unit/electron-print-options.test.ts): the hidden window a job's PDF is loaded into, and
 * the options of `webContents.print` — silent, the chosen printer, copies, and the paper or label
 * size from the station's CUPS-style media name. Nothing here imports electron; main/pdf-printer.ts
 * is the thin adapter.
 */
import { SECURE_WEB_PREFERENCES } from './security-rules';

/** What the core hands the shell for one job (a PrintJob of src/devices/types.ts and its printer). */
export interface PdfPrintRequest {
  /** The system printer's name (its CUPS queue on Linux and macOS, the Windows printer name). */
  printer: string;
  copies?: number;
  /** CUPS media name as set on the Devices screen: "A4", "Letter", "Custom.100x150mm", "iso_a4_210x297mm". */
  media?: string;
}

/** Electron's named page sizes (WebContentsPrintOptions.pageSize). */
const NAMED = ['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'Legal', 'Letter', 'Tabloid'] as const;
type NamedSize = (typeof NAMED)[number];
/** Microns per unit of a CUPS size: millimetres, inches, points (a bare Custom.WxH is in points). */
const MICRONS = { mm: 1000, in: 25_400, pt: 25_400 / 72 } as const;
/** Chromium refuses a custom page smaller than this (Electron's docs for webContents.print). */
const MIN_MICRONS = 353;

export type PrintPageSize = NamedSize | { width: number; height: number };

/**
 * The page size for a media name: a named size, or width × height in microns from "Custom.WxH[mm|in]"
 * or a PWG self-describing name ("na_letter_8.5x11in"); null when unknown or too small (the
 * printer's own default is then used).
 */
export function pageSizeOf(media: string | undefined): PrintPageSize | null {
  if (!media) return null;
  const named = NAMED.find((n) => n.toLowerCase() === media.trim().toLowerCase());
  if (named) return named;
  const m = /^(?:custom\.|[a-z0-9-]+_[a-z0-9.-]+_)(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(mm|in|pt)?$/i.exec(media.trim());
  if (!m) return null;
  const unit = (m[3]?.toLowerCase() ?? 'pt') as keyof typeof MICRONS;
  const width = Math.round(Number(m[1]) * MICRONS[unit]);
  const height = Math.round(Number(m[2]) * MICRONS[unit]);
  return width >= MIN_MICRONS && height >= MIN_MICRONS ? { width, height } : null;
}

/** The options of webContents.print for a job: no dialog, the chosen printer, the PDF's own margins. */
export function pdfPrintOptions(req: PdfPrintRequest) {
  const pageSize = pageSizeOf(req.media);
  return {
    silent: true as const,
    deviceName: req.printer,
    copies: Math.min(99, Math.max(1, Math.trunc(req.copies ?? 1))),
    printBackground: true,
    color: true,
    landscape: false,
    // The PDF carries its margins (a label has 5 mm): the printer adds none.
    margins: { marginType: 'none' as const },
    ...(pageSize ? { pageSize } : { usePrinterDefaultPageSize: true }),
  };
}

/**
 * The hidden window a job's PDF is loaded into: never shown, the main window's secured
 * preferences (no preload: the page gets no bridge at all), Chromium's PDF viewer on (it is a
 * plugin), and a session of its own in memory so nothing of it outlives the job.
 */
export function pdfPrintWindowOptions() {
  return {
    show: false,
    width: 800,
    height: 1100,
    webPreferences: { ...SECURE_WEB_PREFERENCES, plugins: true, partition: 'lotdesk-print' },
  };
}

/** The one URL the print window may show: the job's own PDF file. */
export function isJobFile(url: string, fileUrl: string): boolean {
  return url === fileUrl;
}
