/** Trace words: the headings and columns of a lot's trace (the `lotdesk trace` report now, the trace screen later). */
import type { AreaMessages } from '../locales';

export default {
  en: {
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
