/** Every contract entry's handler, checked complete by the type: a missing one does not compile. */
import type { Handlers } from './kernel/context';
import { adminHandlers } from './admin/lot-patterns';
import { auditHandlers } from './admin/audit-trail';
import { backupHandlers } from './admin/backups';
import { syncHandlers } from './admin/sync';
import { secretLockHandlers } from './people/secret-lockout';
import { catalogHandlers } from './master-data/catalog';
import { labelHandlers } from './inbound/lot-labels';
import { receivingHandlers } from './inbound/receiving';
import { scanHandlers } from './shared/scan-resolve';
import { stationHandlers } from './admin/station-setup';
import { lanCertificateHandlers } from './admin/lan-certificate';
import { stockHandlers } from './inventory/stock-list';
import { userHandlers } from './people/users';
import { userAdminHandlers } from './people/user-admin';
import { lotScanHandlers } from './shared/lot-scan';
import { putawayHandlers } from './inbound/putaway';
import { moveHandlers } from './inventory/moves';
import { countHandlers } from './inventory/counts';
import { transformHandlers } from './inventory/transform';
import { stockViewHandlers } from './inventory/stock-by-item-and-expiry';
import { orderHandlers } from './outbound/orders';
import { orderImportHandlers } from './outbound/order-import';
import { allocationHandlers } from './outbound/allocation';
import { pickingHandlers } from './outbound/picking';
import { shippingHandlers } from './outbound/shipping';
import { shippingDocumentHandlers } from './outbound/shipping-documents';
import { traceHandlers } from './trace/trace-lot';
import { locationHandlers } from './master-data/locations';
import { purchaseOrderHandlers } from './inbound/purchase-orders';
import { recallCommandHandlers } from './recall/recall-commands';
import { recallDetailHandlers } from './recall/recall-detail';
import { recallPdfHandlers } from './recall/recall-pdf';
import { itemHandlers } from './master-data/items';
import { partyHandlers } from './master-data/parties';
import { masterFileHandlers } from './master-data/master-files';
import { traceFindHandlers } from './trace/trace-find';
import { regulatoryExportHandlers } from './trace/exports/handlers';
import { complaintHandlers } from './complaints/complaints';
import { diversionHandlers } from './trace/diversion';
import { traceExportHandlers } from './trace/trace-export';
import { inspectionHandlers } from './qc/inspections';
import { dispositionHandlers } from './qc/disposition';
import { qcPlanHandlers } from './qc/plans';
import { coaHandlers } from './qc/coa';
import { supplierCoaHandlers } from './qc/supplier-coa';
import { retestHandlers } from './qc/retest';
import { retainedSampleHandlers } from './qc/retained-samples';
import { deviceHandlers } from './devices/devices';
import { printHandlers } from './devices/print-jobs';
import { supplierQualityHandlers } from './qc/supplier-quality';
import { productionHandlers } from './qc/production';

export const handlers: Handlers = {
  ...stationHandlers,
  ...lanCertificateHandlers,
  ...userHandlers,
  ...userAdminHandlers,
  ...catalogHandlers,
  ...scanHandlers,
  ...receivingHandlers,
  ...stockHandlers,
  ...lotScanHandlers,
  ...putawayHandlers,
  ...moveHandlers,
  ...countHandlers,
  ...transformHandlers,
  ...stockViewHandlers,
  ...orderHandlers,
  ...orderImportHandlers,
  ...allocationHandlers,
  ...pickingHandlers,
  ...locationHandlers,
  ...purchaseOrderHandlers,
  ...shippingHandlers,
  ...shippingDocumentHandlers,
  ...traceHandlers,
  ...recallCommandHandlers,
  ...recallDetailHandlers,
  ...recallPdfHandlers,
  ...traceFindHandlers,
  ...regulatoryExportHandlers,
  ...complaintHandlers,
  ...diversionHandlers,
  ...traceExportHandlers,
  ...qcPlanHandlers,
  ...supplierQualityHandlers,
  ...productionHandlers,
  ...labelHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...syncHandlers,
  ...secretLockHandlers,
  ...adminHandlers,
  ...itemHandlers,
  ...partyHandlers,
  ...masterFileHandlers,
  ...inspectionHandlers,
  ...dispositionHandlers,
  ...coaHandlers,
  ...supplierCoaHandlers,
  ...retestHandlers,
  ...retainedSampleHandlers,
  ...deviceHandlers,
  ...printHandlers,
};
