/**
 * The demo data set a newcomer loads on first start: one site with receiving, quarantine and
 * pickable bins, items with and without QC, suppliers, customers, open purchase orders and a
 * user for each role. Also the base of `lotdesk seed`.
 */
import type { Db } from '../../store/db';
import { gs1CheckDigit } from '../../domain/gs1/check-digit';
import type { Role } from '../../domain/roles';
import { QTY_SCALE } from '../../domain/quantity';
import { insertItem, insertLocation, insertParty, insertPurchaseOrder, insertSite, insertZone, writeBom, type NewItem } from '../master-data/inserts';
import { createUser } from '../people/users';
import { hashSecret } from '../people/secret-hash';
import { setSigningHash } from '../../store/e-signatures';
import { insertLocation as insertBin } from '../../store/locations';
import { setSetting } from '../kernel/settings';
import { hasAnyUser } from '../../store/users';
import { writeOutboundDemo } from './demo-outbound';
import { writeQcPlansDemo } from './demo-qc-plans';

/** GS1's example company prefix 950600 (GS1 General Specifications examples). */
export function demoGtin(itemRef: string): string {
  const body = `0950600${itemRef.padStart(6, '0')}`;
  return body + gs1CheckDigit(body);
}

export const DEMO_SITE = 'WH1';

/** Those who sign QC decisions have a signing password (a PIN cannot sign: kernel/e-signature.ts). */
export const DEMO_USERS: { username: string; displayName: string; role: Role; secretKind: 'pin' | 'password'; secret: string; locale: 'en' | 'zh-CN'; signingPassword?: string }[] = [
  { username: 'clerk', displayName: 'Li Na 李娜', role: 'clerk', secretKind: 'pin', secret: '1111', locale: 'zh-CN' },
  { username: 'inspector', displayName: 'Wang Wei 王伟', role: 'inspector', secretKind: 'pin', secret: '2222', locale: 'zh-CN', signingPassword: 'sign-2222' },
  { username: 'lead', displayName: 'Sam Carter', role: 'lead', secretKind: 'pin', secret: '3333', locale: 'en', signingPassword: 'sign-3333' },
  { username: 'manager', displayName: 'Chen Jing 陈静', role: 'manager', secretKind: 'pin', secret: '4444', locale: 'en', signingPassword: 'sign-4444' },
  { username: 'admin', displayName: 'Administrator', role: 'admin', secretKind: 'password', secret: 'admin1234', locale: 'en' },
];

export const DEMO_ITEMS: NewItem[] = [
  { sku: 'TEA-250', gtin: demoGtin('13435'), name: 'Jasmine green tea 250 g', unit: 'pcs', shelfLifeDays: 540, nearExpiryDays: 60 },
  { sku: 'MILK-1L', gtin: demoGtin('20011'), name: 'UHT whole milk 1 L', unit: 'pcs', shelfLifeDays: 180, qcRequired: true, nearExpiryDays: 14 },
  { sku: 'SOY-500', gtin: demoGtin('30027'), name: '生抽酱油 500 ml', unit: 'pcs', shelfLifeDays: 720 },
  { sku: 'RICE-BULK', gtin: demoGtin('40016'), name: 'Jasmine rice, bulk', unit: 'kg', shelfLifeDays: 365, qcRequired: true },
  { sku: 'VITC-100', gtin: demoGtin('50015'), name: 'Vitamin C tablets ×100', unit: 'pcs', shelfLifeDays: 730, qcRequired: true },
  { sku: 'OIL-5L', gtin: null, name: '花生油 5 L', unit: 'pcs', shelfLifeDays: 540, removalStrategy: 'FIFO' },
  // Made at the desk from the items on their bills of materials (DEMO_BOMS).
  { sku: 'GIFT-TEA', gtin: demoGtin('60014'), name: 'Tea & soy gift box 茶酱礼盒', unit: 'pcs', shelfLifeDays: 365 },
  { sku: 'RICE-5KG', gtin: demoGtin('40023'), name: 'Jasmine rice 5 kg bag 茉莉香米', unit: 'pcs', shelfLifeDays: 365 },
];

/** Produced item → component items, each with what goes into one unit made (in its unit). */
export const DEMO_BOMS: Record<string, [sku: string, quantity: number][]> = {
  'GIFT-TEA': [
    ['TEA-250', 1],
    ['SOY-500', 1],
  ],
  'RICE-5KG': [['RICE-BULK', 5]],
};

export interface DemoIds {
  siteId: string;
  userIds: Record<string, string>;
  itemIds: Record<string, string>;
  supplierIds: Record<string, string>;
  locationIds: Record<string, string>;
}

/** Writes the demo master data; the caller owns the transaction. */
export function writeDemoData(db: Db, at: string, options: { bins?: number } = {}): DemoIds {
  const siteId = insertSite(db, DEMO_SITE, 'Main warehouse 主仓库');
  setSetting(db, 'station.site', DEMO_SITE);
  setSetting(db, 'gs1.companyPrefix', '9506000');
  const locationIds: Record<string, string> = {};
  const rcv = insertZone(db, siteId, 'RCV', 'Receiving dock');
  locationIds['RCV-01'] = insertLocation(db, rcv, 'RCV-01', { pickable: false, receiving: true });
  const qa = insertZone(db, siteId, 'QA', 'Quarantine');
  locationIds['QA-01'] = insertLocation(db, qa, 'QA-01', { pickable: false, quarantine: true });
  locationIds['QA-02'] = insertLocation(db, qa, 'QA-02', { pickable: false, quarantine: true });
  // Where rejected lots wait for return or destruction (QC moves them here by scan).
  locationIds['QA-REJ'] = insertBin(db, qa, 'QA-REJ', 'reject');
  const zones = ['A', 'B'].map((z) => insertZone(db, siteId, z, `Zone ${z}`));
  const bins = options.bins ?? 20;
  for (let i = 0; i < bins; i++) {
    const zone = i % 2;
    const code = `${zone === 0 ? 'A' : 'B'}-${String(Math.floor(i / 2) + 1).padStart(bins > 200 ? 4 : 2, '0')}`;
    locationIds[code] = insertLocation(db, zones[zone], code);
  }

  const userIds: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    userIds[u.username] = createUser(db, u, at);
    if (u.signingPassword) setSigningHash(db, userIds[u.username], hashSecret(u.signingPassword));
  }

  const itemIds: Record<string, string> = {};
  for (const item of DEMO_ITEMS) itemIds[item.sku] = insertItem(db, item, at);
  for (const [sku, components] of Object.entries(DEMO_BOMS)) {
    writeBom(db, itemIds[sku], components.map(([c]) => itemIds[c]), components.map(([, quantity]) => quantity * QTY_SCALE));
  }

  const supplierIds: Record<string, string> = {
    'SUP-HZT': insertParty(db, { kind: 'supplier', code: 'SUP-HZT', name: 'Hangzhou Tea Co. 杭州茶业', gln: demoGln('10001') }),
    'SUP-NDA': insertParty(db, { kind: 'supplier', code: 'SUP-NDA', name: 'Nordic Dairy AB', gln: demoGln('10002') }),
    'SUP-GRN': insertParty(db, { kind: 'supplier', code: 'SUP-GRN', name: 'Golden Grain 金谷粮油', gln: demoGln('10003') }),
  };
  insertParty(db, { kind: 'customer', code: 'CUS-SHM', name: 'Shanghai Fresh Mart 上海鲜超市', gln: demoGln('20001'), region: 'CN-SH', channel: 'retail' });
  insertParty(db, { kind: 'customer', code: 'CUS-BER', name: 'Berlin Asia Foods GmbH', gln: demoGln('20002'), region: 'DE-BE', channel: 'wholesale' });
  insertParty(db, { kind: 'customer', code: 'CUS-SFO', name: 'Bay Area Grocers', gln: demoGln('20003'), region: 'US-CA', channel: 'retail' });

  insertPurchaseOrder(
    db,
    { number: 'PO-1001', supplierId: supplierIds['SUP-HZT'], lines: [{ itemId: itemIds['TEA-250'], quantity: 240, unit: 'pcs' }] },
    at,
    userIds.admin,
  );
  insertPurchaseOrder(
    db,
    {
      number: 'PO-1002',
      supplierId: supplierIds['SUP-NDA'],
      lines: [{ itemId: itemIds['MILK-1L'], quantity: 600, unit: 'pcs' }],
    },
    at,
    userIds.admin,
  );
  insertPurchaseOrder(
    db,
    {
      number: 'PO-1003',
      supplierId: supplierIds['SUP-GRN'],
      lines: [
        { itemId: itemIds['RICE-BULK'], quantity: 1250.5, unit: 'kg' },
        { itemId: itemIds['OIL-5L'], quantity: 80, unit: 'pcs' },
      ],
    },
    at,
    userIds.admin,
  );
  const ids = { siteId, userIds, itemIds, supplierIds, locationIds };
  writeOutboundDemo(db, ids);
  writeQcPlansDemo(db, ids, at);
  return ids;
}

function demoGln(ref: string): string {
  const body = `950600${ref.padStart(6, '0')}`;
  return body + gs1CheckDigit(body);
}

export function isEmptyStation(db: Db): boolean {
  return !hasAnyUser(db);
}
