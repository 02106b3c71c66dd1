/**
 * The screens, once: path, nav label, wing and the contract entries a screen cannot work without.
 * The router, the nav row (in this order) and who may open each screen all come from this table;
 * a screen's roles are those allowed by the access of every entry it needs, so they follow the
 * contract instead of repeating it.
 */
import type { Component } from 'vue';
import type { Name } from '../src/contract/contract';
import { mayRun, type Access, type Role } from '../src/domain/roles';

export type Wing = 'inbound' | 'inventory' | 'outbound' | 'admin' | 'people' | 'trace' | 'qc';

export interface Screen {
  name: string;
  path: string;
  wing: Wing;
  /** Shown in the nav row when set; Alt+1… follow this table's order. */
  nav?: string;
  /** The contract entries the screen cannot work without. */
  needs: readonly Name[];
  component: () => Promise<Component>;
  props?: boolean;
}

export const SCREENS: readonly Screen[] = [
  { name: 'receiving', path: '/receiving', wing: 'inbound', nav: 'ui.nav.receiving', needs: ['receiving.receive'], component: () => import('./views/ReceivingView.vue') },
  { name: 'stock', path: '/stock', wing: 'inventory', nav: 'ui.nav.stock', needs: ['stock.list'], component: () => import('./views/StockView.vue') },
  { name: 'audit', path: '/audit', wing: 'admin', nav: 'ui.nav.audit', needs: ['audit.search'], component: () => import('./views/AuditView.vue') },
  { name: 'putaway', path: '/putaway', wing: 'inbound', nav: 'ui.nav.putaway', needs: ['stock.move'], component: () => import('./views/PutawayView.vue') },
  { name: 'stock-overview', path: '/stock-overview', wing: 'inventory', nav: 'ui.nav.overview', needs: ['stock.byItem'], component: () => import('./views/StockOverviewView.vue') },
  { name: 'near-expiry', path: '/near-expiry', wing: 'inventory', nav: 'ui.nav.nearExpiry', needs: ['stock.nearExpiry'], component: () => import('./views/NearExpiryView.vue') },
  { name: 'counts', path: '/counts', wing: 'inventory', nav: 'ui.nav.counts', needs: ['counts.submit'], component: () => import('./views/CountView.vue') },
  { name: 'lot-changes', path: '/lot-changes', wing: 'inventory', nav: 'ui.nav.lotChanges', needs: ['lots.split', 'lots.merge', 'lots.transform'], component: () => import('./views/TransformView.vue') },
  { name: 'boms', path: '/boms', wing: 'inventory', nav: 'ui.nav.boms', needs: ['boms.set'], component: () => import('./views/BomEditorView.vue') },
  { name: 'orders', path: '/orders', wing: 'outbound', nav: 'ui.outbound.nav.orders', needs: ['orders.create'], component: () => import('./views/OrdersView.vue') },
  { name: 'picking', path: '/picking', wing: 'outbound', nav: 'ui.outbound.nav.picking', needs: ['picking.scan'], component: () => import('./views/PickingView.vue') },
  { name: 'packing', path: '/packing', wing: 'outbound', nav: 'ui.outbound.nav.packing', needs: ['packing.scan'], component: () => import('./views/PackingView.vue') },
  { name: 'overrides', path: '/overrides', wing: 'outbound', nav: 'ui.outbound.nav.overrides', needs: ['picking.overrides'], component: () => import('./views/OverridesView.vue') },
  { name: 'users', path: '/users', wing: 'admin', nav: 'ui.nav.users', needs: ['users.list', 'users.create'], component: () => import('./views/UsersView.vue') },
  /** Every signed-in user's own account (the header's name links here): their PIN or password. */
  { name: 'account', path: '/account', wing: 'people', needs: ['users.changeOwnSecret'], component: () => import('./views/AccountView.vue') },
  { name: 'purchase-orders', path: '/purchase-orders', wing: 'inbound', nav: 'ui.nav.purchaseOrders', needs: ['purchaseOrders.list', 'purchaseOrders.create'], component: () => import('./views/PurchaseOrdersView.vue') },
  { name: 'locations', path: '/locations', wing: 'inventory', nav: 'ui.nav.locations', needs: ['locations.list', 'locations.create'], component: () => import('./views/LocationsView.vue') },
  { name: 'pick-route', path: '/pick-route', wing: 'outbound', nav: 'ui.nav.pickRoute', needs: ['locations.list', 'locations.setRoute'], component: () => import('./views/PickRouteView.vue') },
  { name: 'recall', path: '/recall', wing: 'trace', nav: 'ui.nav.recall', needs: ['recall.list', 'recall.start'], component: () => import('./views/RecallView.vue') },
  { name: 'items', path: '/items', wing: 'admin', nav: 'ui.nav.items', needs: ['items.create', 'items.search'], component: () => import('./views/ItemsView.vue') },
  { name: 'parties', path: '/parties', wing: 'admin', nav: 'ui.nav.parties', needs: ['parties.create', 'parties.list'], component: () => import('./views/PartiesView.vue') },
  { name: 'complaints', path: '/complaints', wing: 'trace', nav: 'ui.nav.complaints', needs: ['complaints.list', 'complaints.create'], component: () => import('./views/ComplaintsView.vue') },
  /** QC inspection plans (issue 17): inspector and lead read them, the manager authors (the qcPlanEdit panel). */
  { name: 'qc-plans', path: '/qc/plans', wing: 'qc', nav: 'ui.nav.qcPlans', needs: ['qc.plans.list', 'qc.plans.get'], component: () => import('./views/QcPlansView.vue') },
  { name: 'trace', path: '/trace', wing: 'trace', nav: 'ui.nav.trace', needs: ['trace.lot', 'trace.export', 'trace.diversion', 'trace.regions'], component: () => import('./views/TraceView.vue') },
  { name: 'backups', path: '/backups', wing: 'admin', nav: 'ui.nav.backups', needs: ['backup.list', 'backup.run', 'backup.setSchedule'], component: () => import('./views/BackupsView.vue') },
  /** The QC inspector's desk and home (issue 17): the queue, the results grid, signed decisions. */
  { name: 'inspections', path: '/inspections', wing: 'qc', nav: 'ui.nav.inspections', needs: ['qc.queue', 'qc.recordResult', 'qc.decide'], component: () => import('./views/InspectionsView.vue') },
  { name: 'retest', path: '/retest', wing: 'qc', nav: 'ui.nav.retest', needs: ['qc.retestDue', 'qc.startRetest', 'qc.extendExpiry'], component: () => import('./views/RetestView.vue') },
  /** The desk's link to the central server (issue 20): enrol, disconnect, status. Admin only (the contract's access). */
  { name: 'central-sync', path: '/central-sync', wing: 'admin', nav: 'ui.nav.centralSync', needs: ['sync.connect', 'sync.disconnect'], component: () => import('./sync/CentralSyncView.vue') },
  { name: 'devices', path: '/devices', wing: 'admin', nav: 'ui.nav.devices', needs: ['devices.settings', 'devices.saveSettings'], component: () => import('./devices/DevicesView.vue') },
  { name: 'supplier-quality', path: '/supplier-quality', wing: 'qc', nav: 'ui.nav.supplierQuality', needs: ['qc.supplierQuality', 'qc.supplierQualityExport'], component: () => import('./views/SupplierQualityView.vue') },
  { name: 'lot', path: '/stock/lot/:lotId', wing: 'inventory', needs: ['lots.get'], component: () => import('./views/LotView.vue'), props: true },
];

/** Parts of a screen shown only to some (not screens of their own), gated the same way. */
export const PANELS = {
  unlock: ['secrets.locked', 'secrets.unlock'],
  /** The LAN certificate's fingerprint on the Users screen. */
  lanCertificate: ['station.lanCertificate'],
  /** The Backups screen's restore: the admin's alone. */
  restore: ['backup.restore'],
  qcPlanEdit: ['qc.plans.save', 'qc.plans.retire'],
  /** The lot page's quality card (renderer/qc/LotQc.vue) and what in it changes things. */
  qcLot: ['qc.coa', 'qc.lotFiles', 'qc.expiryHistory', 'retainedSamples.list'],
  qcAttach: ['qc.attachSupplierCoa'],
  qcRecord: ['retainedSamples.record', 'retainedSamples.destroy'],
} as const satisfies Record<string, readonly Name[]>;

const NEEDS: Record<string, readonly Name[]> = { ...Object.fromEntries(SCREENS.map((s) => [s.name, s.needs])), ...PANELS };

let access: ((name: Name) => Access) | null = null;

/**
 * Reads the contract's access lists; the router awaits it before the first screen opens. Loaded
 * on demand because the contract brings its zod schemas: off the first paint's path, and built
 * jitless, since zod's probe for `new Function` is what the window's CSP (no 'unsafe-eval') reports.
 */
export async function loadAccess(): Promise<void> {
  if (access) return;
  const { config } = await import('zod');
  config({ jitless: true });
  const { contract } = await import('../src/contract/contract');
  access = (name) => contract[name].access;
}

/** May this role open the screen (or see the panel) of this name? Unknown names, or before loadAccess: no. */
export function roleMay(role: Role | undefined, gate: string): boolean {
  const needs = NEEDS[gate];
  if (!role || !needs || !access) return false;
  const of = access;
  return needs.every((n) => mayRun(of(n), role));
}

/** The screens in a role's nav row, in the table's order: only those the role may open (AppHeader shows these). */
export function navFor(role: Role | undefined): Screen[] {
  return SCREENS.filter((s) => s.nav && roleMay(role, s.name));
}
