/** Every contract entry's handler, checked complete by the type: a missing one does not compile. */
import type { Handlers } from './context';
import { adminHandlers } from './admin';
import { auditHandlers } from './audit-queries';
import { catalogHandlers } from './catalog';
import { labelHandlers } from './labels';
import { receivingHandlers } from './receiving';
import { scanHandlers } from './scanning';
import { stationHandlers } from './station-setup';
import { stockHandlers } from './stock';
import { userHandlers } from './users';

export const handlers: Handlers = {
  ...stationHandlers,
  ...userHandlers,
  ...catalogHandlers,
  ...scanHandlers,
  ...receivingHandlers,
  ...stockHandlers,
  ...labelHandlers,
  ...auditHandlers,
  ...adminHandlers,
};
