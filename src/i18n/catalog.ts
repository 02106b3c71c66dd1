/**
 * The merged message catalog of every area, for vue-i18n in the renderer and for the core
 * (CLI, PDFs, error messages). Add an area file under messages/ and list it here.
 */
import type { Locale, MessageTree, AreaMessages } from './locales';
import common from './messages/common';
import gs1 from './messages/gs1';
import documents from './messages/documents';
import errors from './messages/errors';
import ui from './messages/ui';
import inventory from './messages/inventory';
import outbound from './messages/outbound';
import outboundUi from './messages/outbound-ui';
import audit from './messages/audit';
import people from './messages/people';
import trace from './messages/trace';
import auditChanges from './messages/audit-changes';
import locations from './messages/locations';
import recall from './messages/recall';
import masterData from './messages/master-data';
import exportsArea from './messages/exports';
import complaints from './messages/complaints';
import trustEdge from './messages/trust-edge';
import backups from './messages/backups';
import qcPlans from './messages/qc-plans';
import qcInspect from './messages/qc-inspect';
import qcCoa from './messages/qc-coa';
import devices from './messages/devices';
import deviceUse from './messages/device-use';
import deviceDesk from './messages/device-desk';
import devicePrint from './messages/device-print';
import qcSupplier from './messages/qc-supplier';
import trustChain from './messages/trust-chain';
import sync from './messages/sync';
import syncDesk from './messages/sync-desk';
import erp from './messages/erp';
import central from './messages/central';

const AREAS: AreaMessages[] = [common, errors, documents, gs1, ui, inventory, outbound, outboundUi, audit, people, trace, auditChanges, locations, recall, masterData, exportsArea, complaints, trustEdge, backups, qcPlans, qcInspect, qcCoa, devices, deviceUse, deviceDesk, devicePrint, qcSupplier, trustChain, sync, syncDesk, erp, central];

function merge(target: MessageTree, source: MessageTree): MessageTree {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && typeof existing === 'object') merge(existing, value);
    else if (existing !== undefined) throw new Error(`i18n key defined twice: ${key}`);
    else target[key] = typeof value === 'object' ? merge({}, value) : value;
  }
  return target;
}

export const messages: Record<Locale, MessageTree> = {
  en: AREAS.reduce<MessageTree>((all, area) => merge(all, area.en), {}),
  'zh-CN': AREAS.reduce<MessageTree>((all, area) => merge(all, area['zh-CN']), {}),
};
