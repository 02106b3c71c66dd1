/**
 * The ERP API of the centre (issue 20, item 8): what an integration is told when a request is
 * refused; and at the desk, the words of an order an ERP sent (its origin, the refusal to edit it).
 */
import type { AreaMessages } from '../locales';

export default {
  en: {
    errors: {
      erp: {
        noKey: 'Send the integration key as "Authorization: Bearer ldk_…".',
        badKey: 'This API key is not known to the centre. Ask the central admin for a key.',
        revokedKey: 'The API key of the integration {name} was revoked. Ask the central admin for a new key.',
        nameTaken: 'An integration named {name} already exists. Choose another name.',
        badName: 'Name the integration with letters, digits, spaces, dots, dashes or underscores.',
        noSuchKey: 'There is no active integration named {name}.',
        badExternalId: 'Write the ERP id with letters, digits and . _ : / - (starting with a letter or digit).',
        badNumber: 'Write the order number without spaces.',
        badOrderStatus: 'An order status is open or cancelled.',
        noLines: 'An order needs at least one line.',
        tooManyLines: 'An order has at most 500 lines.',
        numberTaken: 'The order number {number} is already used by another order of this site.',
        orderStarted: 'The order {number} was already received or shipped against at a desk ({document}). Its lines can no longer be changed or cancelled: send the rest as a new order.',
        unknownParty: 'No party with the ERP id {externalId} was sent yet. Send it (PUT /erp/v1/parties/{externalId}) first.',
        notSupplier: 'The party {externalId} is not a supplier: a purchase order needs a supplier.',
        notCustomer: 'The party {externalId} is not a customer: a sales order needs a customer.',
        unknownItem: 'Line {line}: no item with the ERP id {externalId} was sent yet. Send it (PUT /erp/v1/items/…) first.',
        badCursor: 'Pass `after` as the `next` of the page before (a whole number, 0 for the start).',
        badLimit: 'Ask for 1 to 500 records a page.',
        badDirection: 'Trace forward, backward or both.',
        badUrl: 'Give the webhook URL as http:// or https://.',
        badSecret: 'Give the webhook a secret of 16 to 200 characters.',
        badEvent: 'Choose the events among receipt.created, shipment.created and lot.recalled.',
        badStatus: 'A delivery status is pending, delivered or failed.',
        noSuchWebhook: 'This integration has no webhook {id}.',
        noSuchDelivery: 'There is no failed delivery {id}.',
        noSuchLot: 'There is no lot {lot} at this site.',
        badJson: 'The request body is not valid JSON.',
        adminOnly: 'Sign in at the centre as a central admin first.',
      },
      purchaseOrders: {
        erpOwned: 'Purchase order {po} came from the ERP (order {erp}): change or cancel it in the ERP. Goods can still be received against it, or it can be closed short.',
      },
    },
    ui: {
      erpOrigin: { tag: 'ERP {id}', title: 'Sent by the ERP through the centre (the ERP’s order {id}). Changes come from the ERP.' },
      audit: { fields: { erpOrder: 'ERP order', syncRefused: 'central version not applied', centralPlan: 'central plan', centralRetired: 'retired centrally' } },
      outbound: { orders: { status: { cancelled: 'Cancelled by the ERP' } } },
    },
  },
  'zh-CN': {
    errors: {
      erp: {
        noKey: '请以 "Authorization: Bearer ldk_…" 发送集成密钥。',
        badKey: '中心不认识此 API 密钥。请向中心管理员申请密钥。',
        revokedKey: '集成 {name} 的 API 密钥已被吊销。请向中心管理员申请新密钥。',
        nameTaken: '已有名为 {name} 的集成。请换一个名称。',
        badName: '集成名称只能包含字母、数字、空格、点、连字符或下划线。',
        noSuchKey: '没有名为 {name} 的有效集成。',
        badExternalId: 'ERP 编号只能包含字母、数字和 . _ : / -（以字母或数字开头）。',
        badNumber: '订单号中不能有空格。',
        badOrderStatus: '订单状态只能是 open（未结）或 cancelled（已取消）。',
        noLines: '订单至少需要一行。',
        tooManyLines: '一张订单最多 500 行。',
        numberTaken: '订单号 {number} 已被本站点的另一张订单使用。',
        orderStarted: '订单 {number} 已在作业台收货或发货（{document}），其行不能再修改或取消：请将其余部分作为新订单发送。',
        unknownParty: '尚未发送 ERP 编号为 {externalId} 的往来单位。请先发送（PUT /erp/v1/parties/{externalId}）。',
        notSupplier: '往来单位 {externalId} 不是供应商：采购订单需要供应商。',
        notCustomer: '往来单位 {externalId} 不是客户：销售订单需要客户。',
        unknownItem: '第 {line} 行：尚未发送 ERP 编号为 {externalId} 的物料。请先发送（PUT /erp/v1/items/…）。',
        badCursor: '请将 `after` 设为上一页的 `next`（整数，从头开始为 0）。',
        badLimit: '每页请求 1 到 500 条记录。',
        badDirection: '追溯方向为 forward（向后）、backward（向前）或 both（双向）。',
        badUrl: '请以 http:// 或 https:// 给出 Webhook 地址。',
        badSecret: '请为 Webhook 设置 16 到 200 个字符的密钥。',
        badEvent: '请从 receipt.created、shipment.created 和 lot.recalled 中选择事件。',
        badStatus: '投递状态为 pending（待投递）、delivered（已投递）或 failed（失败）。',
        noSuchWebhook: '此集成没有 Webhook {id}。',
        noSuchDelivery: '没有失败的投递 {id}。',
        noSuchLot: '本站点没有批次 {lot}。',
        badJson: '请求正文不是有效的 JSON。',
        adminOnly: '请先以中心管理员身份登录中心。',
      },
      purchaseOrders: {
        erpOwned: '采购单 {po} 来自 ERP（订单 {erp}）：请在 ERP 中修改或取消。仍可按此单收货，或短收关闭。',
      },
    },
    ui: {
      erpOrigin: { tag: 'ERP {id}', title: '由 ERP 经中心发送（ERP 订单 {id}）。修改来自 ERP。' },
      audit: { fields: { erpOrder: 'ERP 订单', syncRefused: '未应用的中心版本', centralPlan: '中心质检计划', centralRetired: '已在中心停用' } },
      outbound: { orders: { status: { cancelled: '已被 ERP 取消' } } },
    },
  },
} satisfies AreaMessages;
