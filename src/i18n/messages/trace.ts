/** Trace words: the headings and columns of a lot's trace (the `lotdesk trace` report now, the trace screen later). */
import type { AreaMessages } from '../locales';

export default {
  en: {
    errors: {
      trace: {
        badLimit: 'A page holds 1 to 5000 rows.',
        badList: 'Page through nodes, edges, shipments or receipts.',
        badOffset: 'The offset of a page is a whole number from 0.',
        badSscc: 'An SSCC has 18 digits (optionally after (00)).',
        supplierLotUnknown: 'No lot was received with supplier lot "{supplierLot}". Check the code on the supplier\'s label.',
        supplierUnknown: 'No supplier has the code "{code}".',
        itemUnknown: 'No item has the SKU "{sku}".',
        rangeReversed: 'The date range runs backwards: {from} is after {to}. Put the earlier date first.',
        ssccNotShipped: 'SSCC {sscc} was never shipped from here, so it names no shipped lots. Check the label, or trace the lot itself.',
      },
    },
    trace: {
      title: 'Trace of lot {lot} ({sku} {item}), {direction}',
      direction: { forward: 'forward', backward: 'backward', both: 'both ways' },
      forward: 'Descendant lots',
      backward: 'Ancestor lots',
      shipments: 'Shipments to customers',
      receipts: 'Receipts from suppliers',
      none: '(none)',
      columns: {
        lot: 'Lot', item: 'Item', status: 'Status', depth: 'Depth', quantity: 'Quantity', shipment: 'Shipment', customer: 'Customer',
        region: 'Region', channel: 'Channel', date: 'Date', receipt: 'Receipt', supplier: 'Supplier', supplierLot: 'Supplier lot', po: 'PO',
      },
      totals: '{lots} lots, {shipments} shipments to {customers} customers, {receipts} receipts from {suppliers} suppliers, {depth} levels deep',
    },
  },
  'zh-CN': {
    errors: {
      trace: {
        badLimit: '每页 1 到 5000 行。',
        badList: '可分页查看的是节点、关系、发货或收货。',
        badOffset: '分页偏移量须为 0 或以上的整数。',
        badSscc: 'SSCC 为 18 位数字（前面可带 (00)）。',
        supplierLotUnknown: '没有以供应商批次“{supplierLot}”收货的批次。请核对供应商标签上的批次号。',
        supplierUnknown: '没有代码为“{code}”的供应商。',
        itemUnknown: '没有 SKU 为“{sku}”的物料。',
        rangeReversed: '日期范围颠倒：{from} 晚于 {to}。请把较早的日期放在前面。',
        ssccNotShipped: 'SSCC {sscc} 从未从本仓发货，因此没有对应的已发货批次。请核对标签，或直接追溯该批次。',
      },
    },
    trace: {
      title: '批次 {lot}（{sku} {item}）的追溯：{direction}',
      direction: { forward: '正向', backward: '反向', both: '双向' },
      forward: '下游批次',
      backward: '上游批次',
      shipments: '发往客户的发货',
      receipts: '来自供应商的收货',
      none: '（无）',
      columns: {
        lot: '批次', item: '物料', status: '状态', depth: '层级', quantity: '数量', shipment: '发货单', customer: '客户',
        region: '地区', channel: '渠道', date: '日期', receipt: '收货单', supplier: '供应商', supplierLot: '供应商批次', po: '采购单',
      },
      totals: '{lots} 个批次，{shipments} 笔发货给 {customers} 个客户，{receipts} 笔收货来自 {suppliers} 个供应商，共 {depth} 层',
    },
  },
} satisfies AreaMessages;
