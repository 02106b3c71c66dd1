/** Printing documents on the station's printers (issue 19): the reprint mark, the print buttons, their errors. */
import type { AreaMessages } from '../locales';

export default {
  en: {
    errors: {
      devices: {
        pdfOnly: 'The {document} prints as a PDF: choose a CUPS printer with the PDF format for it in Settings → Devices.',
        systemPrinters: 'The system’s printer list could not be read ({reason}). The CUPS queues are listed; look again, or type the printer’s name.',
      },
    },
    documents: {
      reprint: 'REPRINT {n}',
      logisticLabel: { netWeight: 'Net weight {kg} kg' },
      deliveryNote: { totalNetWeight: 'Total net weight {kg} kg' },
    },
    ui: {
      command: {
        print: { deliveryNote: 'Delivery note sent to the printer', ssccLabel: 'SSCC label sent to the printer', coa: 'Certificate sent to the printer', recallReport: 'Recall report sent to the printer' },
      },
      printDocument: {
        button: 'Print on the {printer}',
        printers: { 'lot-label': 'label printer', 'sscc-label': 'label printer', 'delivery-note': 'document printer', coa: 'document printer', 'recall-report': 'document printer' },
      },
      devices: {
        printers: { mediaHint: 'Paper or label size (CUPS media), e.g. A4 or Custom.100x150mm' },
        found: {
          sources: { cups: 'CUPS', system: 'System' },
          default: 'default',
          states: { idle: 'ready', printing: 'printing', stopped: 'stopped' },
        },
      },
    },
  },
  'zh-CN': {
    errors: {
      devices: {
        pdfOnly: '{document}以 PDF 打印：请在 设置 → 设备 中为其选择 PDF 格式的 CUPS 打印机。',
        systemPrinters: '无法读取系统的打印机列表（{reason}）。已列出 CUPS 队列；请重新查找，或直接输入打印机名称。',
      },
    },
    documents: {
      reprint: '补打 {n}',
      logisticLabel: { netWeight: '净重 {kg} kg' },
      deliveryNote: { totalNetWeight: '总净重 {kg} kg' },
    },
    ui: {
      command: {
        print: { deliveryNote: '送货单已发送到打印机', ssccLabel: 'SSCC 标签已发送到打印机', coa: '检验报告已发送到打印机', recallReport: '召回报告已发送到打印机' },
      },
      printDocument: {
        button: '用{printer}打印',
        printers: { 'lot-label': '标签打印机', 'sscc-label': '标签打印机', 'delivery-note': '文档打印机', coa: '文档打印机', 'recall-report': '文档打印机' },
      },
      devices: {
        printers: { mediaHint: '纸张或标签尺寸（CUPS media），如 A4 或 Custom.100x150mm' },
        found: {
          sources: { cups: 'CUPS', system: '系统' },
          default: '默认',
          states: { idle: '就绪', printing: '正在打印', stopped: '已停止' },
        },
      },
    },
  },
} satisfies AreaMessages;
