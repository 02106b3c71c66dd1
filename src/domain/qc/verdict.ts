/**
 * The verdict of an inspection so far (issue 17): per inspection characteristic, its sample plan
 * for the lot, how many of its n samples have a result and how many of those are nonconforming,
 * judged against Ac/Re; and for the lot, accept / reject / incomplete and which mandatory
 * results are still missing. The inspection desk shows it live and refuses a release with
 * mandatory results missing; a process parameter (stage 'process') is not part of it.
 */
import type { Characteristic } from './characteristic';
import { characteristicPlan, type Sampling } from './plan';
import type { SamplePlan } from './sampling';

/** A current (not superseded) result of one sample. */
export interface SampleResult {
  characteristicCode: string;
  sampleNo: number;
  inSpec: boolean;
}

export type CharacteristicStatus = 'accept' | 'reject' | 'incomplete';

export interface CharacteristicVerdict {
  code: string;
  mandatory: boolean;
  plan: SamplePlan;
  /** Samples 1..n with a result. */
  recorded: number;
  nonconforming: number;
  /** Reject as soon as Re is reached; accept once all n samples are in with at most Ac nonconforming. */
  status: CharacteristicStatus;
  /**
   * Reduced inspection only: more than Ac but fewer than Re nonconforming — the lot is accepted,
   * and ISO 2859-1 (10.1.4) has normal inspection reinstated from the next lot.
   */
  reinstateNormal: boolean;
}

export interface Verdict {
  decision: CharacteristicStatus;
  characteristics: CharacteristicVerdict[];
  /** Mandatory characteristics short of their n results, with how many are missing. */
  missingMandatory: { code: string; missing: number }[];
  /** The largest n: how many samples the inspection draws. */
  sampleSize: number;
}

export function verdict(input: {
  sampling: Sampling;
  characteristics: readonly Pick<Characteristic, 'code' | 'stage' | 'mandatory' | 'aql'>[];
  lotSize: number;
  results: readonly SampleResult[];
}): Verdict {
  const byCode = new Map<string, Map<number, boolean>>();
  for (const result of input.results) {
    const samples = byCode.get(result.characteristicCode) ?? new Map<number, boolean>();
    samples.set(result.sampleNo, result.inSpec);
    byCode.set(result.characteristicCode, samples);
  }
  const characteristics = input.characteristics
    .filter((c) => c.stage === 'inspection')
    .map((c): CharacteristicVerdict => {
      const plan = characteristicPlan(input.sampling, c, input.lotSize);
      let recorded = 0;
      let nonconforming = 0;
      for (const [sampleNo, inSpec] of byCode.get(c.code) ?? []) {
        if (sampleNo < 1 || sampleNo > plan.n) continue;
        recorded += 1;
        if (!inSpec) nonconforming += 1;
      }
      const complete = recorded >= plan.n;
      const status: CharacteristicStatus = nonconforming >= plan.re ? 'reject' : complete ? 'accept' : 'incomplete';
      return { code: c.code, mandatory: c.mandatory, plan, recorded, nonconforming, status, reinstateNormal: status === 'accept' && nonconforming > plan.ac };
    });
  const missingMandatory = characteristics
    .filter((c) => c.mandatory && c.recorded < c.plan.n)
    .map((c) => ({ code: c.code, missing: c.plan.n - c.recorded }));
  // An optional characteristic left unrecorded does not hold the lot; one that rejects does; nothing recorded at all decides nothing.
  const decision: CharacteristicStatus = characteristics.some((c) => c.status === 'reject')
    ? 'reject'
    : characteristics.every((c) => c.recorded === 0) ||
        characteristics.some((c) => c.status === 'incomplete' && (c.mandatory || c.recorded > 0))
      ? 'incomplete'
      : 'accept';
  return { decision, characteristics, missingMandatory, sampleSize: characteristics.reduce((most, c) => Math.max(most, c.plan.n), 0) };
}
