import type { AreaMessages } from '../locales';

export default {
  en: {
    common: {
      appName: 'LotDesk',
    },
  },
  'zh-CN': {
    common: {
      appName: 'LotDesk 批次工作台',
    },
  },
} satisfies AreaMessages;
