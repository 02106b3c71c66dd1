/**
 * The fonts LotDesk embeds in its PDFs. One family, "LotDeskSans": Noto Sans CJK SC cut down to
 * Latin + symbols + GB2312 (resources/fonts/, made by scripts/subset-cjk-font.sh). Shipping the
 * file keeps PDFs identical on every machine — a CI box without CJK fonts, a Windows desk, a
 * Mac — instead of depending on whatever the system has installed.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PDF_FONT_FAMILY = 'LotDeskSans';

const FILES = {
  normal: 'NotoSansSC-LotDesk-Regular.otf',
  bold: 'NotoSansSC-LotDesk-Bold.otf',
} as const;

let fontDirectory: string | undefined;

/**
 * Where the font files are. Default: resources/fonts/ of the repository (source runs, tests,
 * CLI). A packaged Electron app calls this with its own resources folder, or sets
 * LOTDESK_FONTS_DIR.
 */
export function setFontDirectory(dir: string): void {
  fontDirectory = resolve(dir);
}

export function getFontDirectory(): string {
  return (
    fontDirectory ??
    (process.env.LOTDESK_FONTS_DIR
      ? resolve(process.env.LOTDESK_FONTS_DIR)
      : fileURLToPath(new URL('../../resources/fonts/', import.meta.url)))
  );
}

/** pdfmake font dictionary. Italics map to the upright faces: CJK has no italic. */
export function pdfFonts(): Record<string, { normal: string; bold: string; italics: string; bolditalics: string }> {
  const dir = getFontDirectory();
  const normal = join(dir, FILES.normal);
  const bold = join(dir, FILES.bold);
  for (const file of [normal, bold]) {
    if (!existsSync(file)) {
      throw new Error(`PDF font missing: ${file} (run scripts/subset-cjk-font.sh or set LOTDESK_FONTS_DIR)`);
    }
  }
  return { [PDF_FONT_FAMILY]: { normal, bold, italics: normal, bolditalics: bold } };
}
