/**
 * The Plans screen's editable copy of a plan: every field as the form holds it (numbers as typed
 * text, choices as one comma-separated line), to and from the contract's plan. What is typed goes
 * to the core as typed — a number that does not parse is sent as text, so the core's translated
 * error names the field — and the sampling preview is the domain's own ISO 2859-1 table.
 */
import type { Input } from '../../src/contract/contract';
import type { QcPlanVersion } from '../../src/contract/results';
import type { Characteristic, CharacteristicKind, CharacteristicStage } from '../../src/domain/qc/characteristic';
import { characteristicPlan, type PlanTrigger, type Sampling } from '../../src/domain/qc/plan';
import type { InspectionLevel, SamplePlan, Severity } from '../../src/domain/qc/sampling';

export interface CharacteristicDraft {
  key: number;
  code: string;
  name: string;
  nameZh: string;
  stage: CharacteristicStage;
  kind: CharacteristicKind;
  unit: string;
  target: string;
  lowerLimit: string;
  upperLimit: string;
  decimals: string;
  choices: string;
  accepted: string;
  method: string;
  mandatory: boolean;
  aql: number | null;
}

export interface PlanDraft {
  itemId: string | null;
  supplierId: string | null;
  basedOnPlanId: string | null;
  samplingKind: Sampling['kind'];
  fixedN: string;
  level: InspectionLevel;
  severity: Severity;
  triggers: PlanTrigger[];
  retestDays: string;
  dueHours: string;
  note: string;
  characteristics: CharacteristicDraft[];
}

let keys = 0;
const numberText = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));
const list = (values: string[] | null): string => (values ?? []).join(', ');

export function newCharacteristic(): CharacteristicDraft {
  return { key: ++keys, code: '', name: '', nameZh: '', stage: 'inspection', kind: 'numeric', unit: '', target: '', lowerLimit: '', upperLimit: '', decimals: '', choices: '', accepted: '', method: '', mandatory: true, aql: 1 };
}

export function emptyDraft(): PlanDraft {
  return { itemId: null, supplierId: null, basedOnPlanId: null, samplingKind: 'iso2859', fixedN: '5', level: 'II', severity: 'normal', triggers: ['receipt'], retestDays: '', dueHours: '24', note: '', characteristics: [newCharacteristic()] };
}

export function draftOf(plan: QcPlanVersion): PlanDraft {
  return {
    itemId: plan.itemId,
    supplierId: plan.supplierId,
    basedOnPlanId: plan.id,
    samplingKind: plan.sampling.kind,
    fixedN: plan.sampling.kind === 'fixed' ? String(plan.sampling.n) : '5',
    level: plan.sampling.kind === 'iso2859' ? plan.sampling.level : 'II',
    severity: plan.sampling.kind === 'iso2859' ? plan.sampling.severity : 'normal',
    triggers: [...plan.triggers],
    retestDays: numberText(plan.retestDays),
    dueHours: String(plan.dueHours),
    note: plan.note ?? '',
    characteristics: plan.characteristics.map((c) => ({
      key: ++keys, code: c.code, name: c.name, nameZh: c.nameZh ?? '', stage: c.stage, kind: c.kind, unit: c.unit ?? '', target: numberText(c.target),
      lowerLimit: numberText(c.lowerLimit), upperLimit: numberText(c.upperLimit), decimals: numberText(c.decimals), choices: list(c.choices), accepted: list(c.accepted),
      method: c.method ?? '', mandatory: c.mandatory, aql: c.aql ?? (plan.sampling.kind === 'iso2859' ? 1 : null),
    })),
  };
}

/** A typed number as the core takes it: empty → null, a number → the number, anything else as typed (refused there, by field). */
function num(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t.replace(',', '.'));
  return (Number.isFinite(n) ? n : t) as number;
}
const words = (text: string): string[] => text.split(/[,，;；]/).map((s) => s.trim()).filter((s) => s !== '');

export function samplingOf(d: PlanDraft): Sampling {
  return d.samplingKind === 'fixed' ? { kind: 'fixed', n: num(d.fixedN) as number } : { kind: 'iso2859', level: d.level, severity: d.severity };
}

export function saveInput(d: PlanDraft): Input<'qc.plans.save'> {
  return {
    itemId: d.itemId ?? '',
    supplierId: d.supplierId,
    basedOnPlanId: d.basedOnPlanId,
    sampling: samplingOf(d),
    triggers: d.triggers,
    retestDays: d.triggers.includes('retest') ? num(d.retestDays) : null,
    dueHours: num(d.dueHours) as number,
    note: d.note.trim() || null,
    characteristics: d.characteristics.map((c) => {
      const numeric = c.kind === 'numeric' || c.kind === 'weight';
      return {
        code: c.code, name: c.name, nameZh: c.nameZh.trim() || null, stage: c.stage, kind: c.kind, unit: numeric ? c.unit.trim() || null : null,
        target: numeric ? num(c.target) : null, lowerLimit: numeric ? num(c.lowerLimit) : null, upperLimit: numeric ? num(c.upperLimit) : null,
        decimals: numeric ? num(c.decimals) : null, choices: c.kind === 'choice' ? words(c.choices) : null, accepted: c.kind === 'choice' ? words(c.accepted) : null,
        method: c.method.trim() || null, mandatory: c.mandatory, aql: d.samplingKind === 'iso2859' && c.stage === 'inspection' ? c.aql : null,
      };
    }),
  };
}

/** n, Ac, Re of one characteristic for an example lot size (null when the draft cannot give one yet). */
export function previewPlan(d: PlanDraft, c: Pick<Characteristic, 'aql' | 'stage'>, lotSize: number): SamplePlan | null {
  if (c.stage !== 'inspection') return null;
  try {
    return characteristicPlan(samplingOf(d), c, lotSize);
  } catch {
    return null;
  }
}
