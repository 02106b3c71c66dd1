/** Devices where they are used (issue 19): weights at receiving and QC, scans with their source, silent printing. */
import type { AreaMessages } from '../locales';

export default {
  en: {
    errors: {
      devices: {
        readingGone: 'This weight reading is no longer valid (already recorded, or older than 10 minutes). Weigh again.',
        badScanSource: 'The scan source must be hid, wedge or typed.',
      },
      receiving: {
        badNetWeight: 'The net weight must be a number of kilograms above 0.',
        twoWeights: 'Give the net weight from the scale or typed, not both.',
        netWeightNotGs1: 'A net weight of {kg} kg cannot go on the label (GS1 310n: six digits, at most five decimals).',
      },
      qc: {
        scaleNeedsReading: '{code}: a weight from the scale needs a reading from the scale. Press ⚖ to weigh.',
        readingNotWeight: '{code} is not a weight in g, kg, lb or oz: a scale reading cannot be its result.',
        readingMismatch: '{code}: the value is not the scale\u2019s reading ({value}). Weigh again.',
      },
    },
    documents: { lotLabel: { netWeight: 'Net weight {kg} kg' } },
    ui: {
      audit: { fields: { netWeight: 'net weight', weightSource: 'weighed on', scanSource: 'scanned by', device: 'scale' } },
      weigh: {
        button: 'Weigh',
        title: 'Take a stable weight from the station\u2019s scale',
        netWeight: 'Net weight (kg)',
        fromScale: 'from {device}',
        typed: 'typed',
        clear: 'Clear',
      },
      printOn: { reprint: 'reprint {n}' },
    },
  },
  'zh-CN': {
    errors: {
      devices: {
        readingGone: '该称重读数已失效（已记录，或超过 10 分钟）。请重新称重。',
        badScanSource: '扫描来源必须是 hid、wedge 或 typed。',
      },
      receiving: {
        badNetWeight: '净重必须是大于 0 的千克数。',
        twoWeights: '净重请取自秤或手工输入，二者只能选一。',
        netWeightNotGs1: '净重 {kg} kg 无法印在标签上（GS1 310n：六位数字，最多五位小数）。',
      },
      qc: {
        scaleNeedsReading: '{code}：来自秤的重量需要秤的读数。请按 ⚖ 称重。',
        readingNotWeight: '{code} 不是以 g、kg、lb 或 oz 计的重量，不能使用秤的读数。',
        readingMismatch: '{code}：数值与秤的读数（{value}）不符。请重新称重。',
      },
    },
    documents: { lotLabel: { netWeight: '净重 {kg} kg' } },
    ui: {
      audit: { fields: { netWeight: '净重', weightSource: '称重设备', scanSource: '扫描来源', device: '秤' } },
      weigh: {
        button: '称重',
        title: '从本工作台的秤读取稳定重量',
        netWeight: '净重（kg）',
        fromScale: '来自 {device}',
        typed: '手工输入',
        clear: '清除',
      },
      printOn: { reprint: '第 {n} 次补打' },
    },
  },
} satisfies AreaMessages;
