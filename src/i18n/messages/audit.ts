/**
 * The audit trail's words: a label for every command it can name (each contract command, plus
 * the records written beside one: a lead's approval, the command-line seeds, a lock's counted
 * tries), for each result, and for the detail some records carry.
 * tests/unit/audit-labels.test.ts fails when a command or result has no label in a language.
 */
import type { AreaMessages } from '../locales';

export default {
  en: {
    ui: {
      audit: {
        unknownUser: 'unknown user',
        results: { ok: 'OK', denied: 'Refused: wrong PIN or password', lockout: 'Refused and locked', locked: 'Refused: locked' },
        /** A record's detail (AuditRow.detail) in words, by command. */
        details: {
          secrets: {
            unlock: '{user}: wrong in a row {failures}, tries while locked {tries}',
            lockedTries: 'Tries while locked, in all: {tries}',
          },
        },
      },
      command: {
        station: { loadDemo: 'Loaded demo data' },
        seed: { demo: 'Loaded demo data (command line)', scale: 'Generated test data (command line)' },
        session: { signIn: 'Sign-in', signOut: 'Signed out', setLocale: 'Changed language' },
        admin: { setLotPattern: 'Changed the lot code pattern' },
        receiving: { receive: 'Received goods' },
        stock: { move: 'Moved stock', adjust: 'Adjusted stock' },
        counts: { submit: 'Counted a bin' },
        lots: { split: 'Split a lot', merge: 'Merged lots', transform: 'Made a lot (repack, blend, kit)' },
        boms: { set: 'Saved a bill of materials' },
        settings: { setNearExpiryDefault: 'Changed the station near-expiry horizon' },
        items: { setNearExpiryDays: "Changed an item's near-expiry horizon" },
        customers: { setShelfLifeRule: "Changed a customer's shelf-life rule" },
        locations: { setRoute: 'Changed the walking route' },
        orders: { create: 'Created an order', import: 'Imported orders' },
        allocation: { allocate: 'Allocated an order', release: 'Released an allocation' },
        picking: { scan: 'Picked', override: 'Lead approval of a pick', exception: 'Recorded a short or damaged pick' },
        packing: { scan: 'Packed a case', reset: 'Reset packing' },
        shipping: { ship: 'Shipped an order' },
        secrets: { unlock: 'Unlocked a PIN or password', lockedTries: 'Tries while locked (counted)' },
      },
    },
  },
  'zh-CN': {
    ui: {
      audit: {
        unknownUser: '未知用户',
        results: { ok: '成功', denied: '已拒绝：PIN 或密码错误', lockout: '已拒绝并锁定', locked: '已拒绝：锁定中' },
        details: {
          secrets: {
            unlock: '{user}：连续错误 {failures} 次，锁定期间尝试 {tries} 次',
            lockedTries: '锁定期间共尝试 {tries} 次',
          },
        },
      },
      command: {
        station: { loadDemo: '加载演示数据' },
        seed: { demo: '加载演示数据（命令行）', scale: '生成测试数据（命令行）' },
        session: { signIn: '登录', signOut: '退出登录', setLocale: '切换语言' },
        admin: { setLotPattern: '修改批号规则' },
        receiving: { receive: '收货' },
        stock: { move: '移库', adjust: '库存调整' },
        counts: { submit: '库位盘点' },
        lots: { split: '拆分批次', merge: '合并批次', transform: '加工生成批次（分装、混合、组套）' },
        boms: { set: '保存物料清单' },
        settings: { setNearExpiryDefault: '修改本站临期天数' },
        items: { setNearExpiryDays: '修改物料临期天数' },
        customers: { setShelfLifeRule: '修改客户剩余保质期规则' },
        locations: { setRoute: '修改拣货路线' },
        orders: { create: '创建订单', import: '导入订单' },
        allocation: { allocate: '分配订单库存', release: '释放分配' },
        picking: { scan: '拣货', override: '组长审批拣货例外', exception: '记录短拣或破损' },
        packing: { scan: '装箱扫描', reset: '重置装箱' },
        shipping: { ship: '订单发货' },
        secrets: { unlock: '解锁 PIN/密码', lockedTries: '锁定期间的尝试（计数）' },
      },
    },
  },
} satisfies AreaMessages;
