/** A calm, dense desk theme: slate neutrals, one teal-blue accent, system fonts with CJK fallbacks. */
import type { GlobalThemeOverrides } from 'naive-ui';

// Chinese in the font LotDesk ships (styles.css: CJK ranges only), first: Chromium on Linux
// draws CJK text in system-ui's font as empty boxes rather than trying the families after it.
const FONT =
  '"LotDesk CJK", system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
// Defined once, in styles.css.
const MONO = 'var(--ld-mono)';

export const themeOverrides: GlobalThemeOverrides = {
  common: {
    fontFamily: FONT,
    fontFamilyMono: MONO,
    primaryColor: '#1d6a8a',
    primaryColorHover: '#2a809f',
    primaryColorPressed: '#165670',
    primaryColorSuppl: '#2a809f',
    infoColor: '#2f6fb0',
    successColor: '#2e7d4f',
    successColorHover: '#379260',
    successColorPressed: '#256a42',
    warningColor: '#b7791f',
    errorColor: '#c0392b',
    borderRadius: '4px',
    borderRadiusSmall: '3px',
    bodyColor: '#f4f6f8',
    textColorBase: '#1f2933',
    textColor1: '#1f2933',
    textColor2: '#3e4c59',
    textColor3: '#616e7c',
    dividerColor: '#e1e5ea',
    borderColor: '#d3d9e0',
  },
  Card: { paddingSmall: '12px 14px', titleFontSizeSmall: '14px', borderColor: '#e1e5ea' },
  DataTable: { thColor: '#eef1f4', tdPaddingSmall: '6px 8px', thPaddingSmall: '6px 8px', thFontWeight: '600' },
  Form: { feedbackHeightMedium: '20px', labelFontSizeLeftMedium: '13px', labelTextColor: '#3e4c59' },
};
