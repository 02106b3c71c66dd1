import type { AreaMessages } from '../locales';

/** Printed documents (labels) and the errors of building barcode data for them. */
export default {
  en: {
    documents: {
      lotLabel: {
        sku: 'SKU',
        gtin: 'GTIN',
        lot: 'Lot',
        supplierLot: 'Supplier lot',
        supplier: 'Supplier',
        expiry: 'Use by',
        productionDate: 'Produced',
        quantity: 'Quantity',
        status: 'Status',
        received: 'Received',
        made: 'Made',
        title: 'Lot label {lot}',
      },
    },
    gs1Encode: {
      errors: {
        noElements: 'Nothing to encode: no GS1 field was given',
        conflictingFields: 'Give either a GTIN or a GTIN body, not both',
        invalidDigits: '{field} must be digits of the right length (AI {ai})',
        badCheckDigit: '{field} has a wrong check digit (AI {ai})',
        invalidDate: '{field} is not a calendar date (AI {ai})',
        invalidCharacter: '{field} contains a character GS1 does not allow (AI {ai})',
        valueTooLong: '{field} is empty or too long (AI {ai})',
        outOfRange: '{field} is out of range (AI {ai})',
        tooPrecise: '{field} has more decimals than a GS1 barcode can carry (AI {ai})',
      },
    },
  },
  'zh-CN': {
    documents: {
      lotLabel: {
        sku: '物料编码',
        gtin: '商品条码',
        lot: '批号',
        supplierLot: '供应商批号',
        supplier: '供应商',
        expiry: '有效期至',
        productionDate: '生产日期',
        quantity: '数量',
        status: '状态',
        received: '收货日期',
        made: '加工时间',
        title: '批次标签 {lot}',
      },
    },
    gs1Encode: {
      errors: {
        noElements: '没有可编码的内容：未提供任何 GS1 字段',
        conflictingFields: 'GTIN 与 GTIN 前13位只能提供其一',
        invalidDigits: '{field} 必须是规定长度的数字（AI {ai}）',
        badCheckDigit: '{field} 的校验位不正确（AI {ai}）',
        invalidDate: '{field} 不是有效的日期（AI {ai}）',
        invalidCharacter: '{field} 含有 GS1 不允许的字符（AI {ai}）',
        valueTooLong: '{field} 为空或过长（AI {ai}）',
        outOfRange: '{field} 超出允许范围（AI {ai}）',
        tooPrecise: '{field} 的小数位数超过 GS1 条码可表示的范围（AI {ai}）',
      },
    },
  },
} satisfies AreaMessages;
