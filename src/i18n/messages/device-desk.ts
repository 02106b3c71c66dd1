/** Devices at the desks (issue 19): the header's device status, HID scans at the screen, catch weight at picking. */
import type { AreaMessages } from '../locales';

export default {
  en: {
    errors: {
      picking: {
        weightRequired: '{sku} is sold by weight: weigh lot {lot} (Weigh, F6) or type its weight in kg, then scan again.',
        badWeight: 'The weight must be a number of kilograms above 0 and below 99,999, to the gram at most.',
        twoWeights: 'Give the weight from the scale or typed, not both.',
        notCatchWeight: '{sku} is not sold by weight: pick it without a weight.',
      },
    },
    documents: { deliveryNote: { netWeight: 'Net weight {kg} kg' } },
    ui: {
      audit: { scanSources: { hid: 'HID scanner', wedge: 'keyboard-wedge scanner', typed: 'typed' } },
      deviceStatus: {
        scanner: 'Scanner',
        scale: 'Scale',
        printer: 'Printer',
        demo: 'Demo devices',
        states: { connected: 'connected', disconnected: 'not connected', wedge: 'keyboard', none: 'not set', set: 'set' },
        wedgeHint: 'Keyboard-wedge scanner: its scans arrive as keys',
        scannerGone: 'The HID scanner is not connected: plug it in (it reconnects by itself) or check the Devices screen',
        scaleGone: 'The scale is not connected: plug it in or wake it; check the port on the Devices screen',
        setOnDevices: 'Set up on the Devices screen',
        label: { set: 'Label printer set', none: 'No label printer set' },
        document: { set: 'document printer set', none: 'no document printer set' },
        refused: {
          noTarget: 'The last scan was not taken: this screen takes no scans',
          dialogOpen: 'The last scan was not taken: close the dialog, then scan again',
          hidden: 'The last scan was not taken: the window was hidden',
        },
      },
    },
  },
  'zh-CN': {
    errors: {
      picking: {
        weightRequired: '{sku} 按重量销售：请称量批次 {lot}（称重，F6）或输入其重量（kg），然后重新扫描。',
        badWeight: '重量必须是大于 0、小于 99,999 的千克数，最多精确到克。',
        twoWeights: '重量请取自秤或手工输入，二者只能选一。',
        notCatchWeight: '{sku} 不按重量销售：拣货时无需重量。',
      },
    },
    documents: { deliveryNote: { netWeight: '净重 {kg} kg' } },
    ui: {
      audit: { scanSources: { hid: 'HID 扫描枪', wedge: '键盘模拟扫描枪', typed: '手工输入' } },
      deviceStatus: {
        scanner: '扫描枪',
        scale: '秤',
        printer: '打印机',
        demo: '演示设备',
        states: { connected: '已连接', disconnected: '未连接', wedge: '键盘', none: '未设置', set: '已设置' },
        wedgeHint: '键盘模拟扫描枪：扫描以按键输入',
        scannerGone: 'HID 扫描枪未连接：请插上（会自动重连）或查看“设备”页面',
        scaleGone: '秤未连接：请插上或唤醒秤；在“设备”页面检查端口',
        setOnDevices: '请在“设备”页面设置',
        label: { set: '已设置标签打印机', none: '未设置标签打印机' },
        document: { set: '已设置文档打印机', none: '未设置文档打印机' },
        refused: {
          noTarget: '上一次扫描未被接收：本页面不接收扫描',
          dialogOpen: '上一次扫描未被接收：请关闭对话框后重新扫描',
          hidden: '上一次扫描未被接收：窗口处于隐藏状态',
        },
      },
    },
  },
} satisfies AreaMessages;
