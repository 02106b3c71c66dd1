/** Every contract entry's handler, checked complete by the type: a missing one does not compile. */
import type { Handlers } from './context';
import { adminHandlers } from './admin';
import { auditHandlers } from './audit-queries';
import { secretLockHandlers } from './secret-checks';
import { catalogHandlers } from './catalog';
import { labelHandlers } from './labels';
import { receivingHandlers } from './receiving';
import { scanHandlers } from './scanning';
import { stationHandlers } from './station-setup';
import { stockHandlers } from './stock';
import { userHandlers } from './users';
import { lotScanHandlers } from './lot-scan';
import { putawayHandlers } from './putaway';
import { moveHandlers } from './moves';
import { countHandlers } from './counts';
import { transformHandlers } from './transform';
import { stockViewHandlers } from './stock-views';
import { orderHandlers } from './orders';
import { orderImportHandlers } from './order-import';
import { allocationHandlers } from './allocation';
import { pickingHandlers } from './picking';
import { shippingHandlers } from './shipping';
import { shippingDocumentHandlers } from './shipping-documents';

export const handlers: Handlers = {
  ...stationHandlers,
  ...userHandlers,
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
  ...shippingHandlers,
  ...shippingDocumentHandlers,
  ...labelHandlers,
  ...auditHandlers,
  ...secretLockHandlers,
  ...adminHandlers,
};
