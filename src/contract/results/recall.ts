/** Recall results (issue 16): a recall with its affected lots and customers, the mass balance, the timeline. Quantities in the lot's unit. */
import type { LotStatus } from '../../domain/lot-status';
import type { MassBalance, NotifyMethod, RecallFacts } from '../../domain/recall';
import type { TraceLinkKind } from './trace';

export type { MassBalance, RecallClass, NotifyMethod } from '../../domain/recall';

export interface RecallStarted {
  id: string;
  number: string;
  /** Affected lots with stock that this recall put to 'recalled' (0 for a mock recall). */
  held: number;
}

/** The head of a recall, as the list and the detail both show it. */
export interface RecallHead extends RecallFacts {
  /** Who started it (display name). */
  startedBy: string;
  /** Seconds from the start to the reconciled report (a mock recall's timed drill); null until reconciled. */
  durationSeconds: number | null;
}

export interface RecallListRow extends RecallHead {
  rootCodes: string[];
  accountedPercent: number | null;
  closedAt: string | null;
}

export interface RecallLotView {
  lotId: string;
  code: string;
  sku: string;
  itemName: string;
  unit: string;
  depth: number;
  root: boolean;
  previousStatus: LotStatus;
  status: LotStatus;
  /** On hand when the recall started, and now. */
  onHandAtStart: number;
  onHand: number;
  /** This recall put it to 'recalled'. */
  held: boolean;
}

export interface PartyContact {
  /** The party's GLN and region, then each of its contacts (party_contacts): the person, their phone and e-mail. */
  kind: 'gln' | 'region' | 'phone' | 'email' | 'person';
  value: string;
}

export interface RecallShipmentLine {
  shipmentNumber: string;
  shippedAt: string;
  lotId: string;
  lotCode: string;
  quantity: number;
  unit: string;
  region: string | null;
  channel: string | null;
}

export interface RecallCustomerLot {
  lotId: string;
  lotCode: string;
  sku: string;
  unit: string;
  shipped: number;
  returned: number;
}

export interface RecallNotification {
  notifiedAt: string;
  contact: string;
  method: NotifyMethod;
  note: string | null;
  recordedBy: string;
}

export interface RecallCustomer {
  partyId: string;
  code: string;
  name: string;
  gln: string | null;
  region: string | null;
  channel: string | null;
  /** Regions and channels the shipments kept (the customer's record may have changed since). */
  shippedRegions: string[];
  shippedChannels: string[];
  contacts: PartyContact[];
  shipmentCount: number;
  lots: RecallCustomerLot[];
  shipments: RecallShipmentLine[];
  notifications: RecallNotification[];
}

export interface RecallEvent {
  at: string;
  kind: 'started' | 'held' | 'notified' | 'returned' | 'reconciled' | 'closed';
  who: string;
  /** What happened, as words to put after the kind (customer, lot and quantity, or the count of lots held). */
  detail: string;
}

export interface RecallSignature {
  meaning: string;
  signer: string;
  signerUsername: string;
  at: string;
  note: string | null;
}

export interface RecallDetail extends RecallHead {
  roots: RecallLotView[];
  lots: RecallLotView[];
  edges: { parentLotId: string; childLotId: string; quantity: number; kind: TraceLinkKind }[];
  customers: RecallCustomer[];
  massBalance: MassBalance[];
  timeline: RecallEvent[];
  signature: RecallSignature | null;
  totals: { lots: number; onHandLots: number; held: number; customers: number; notified: number; shipments: number };
}
