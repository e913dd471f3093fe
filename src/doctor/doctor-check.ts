/** The result shape of `ari doctor` (its --json output is this, verbatim). */
export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  detail: string;
  workspace?: string;
  /** What to do about a warn or fail (the console shows it as a hint). */
  hint?: string;
}

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
  /** What --fix repaired, one sentence each. */
  fixed?: string[];
}

export function check(
  name: string,
  status: CheckStatus,
  detail: string,
  extra: { workspace?: string; hint?: string } = {},
): DoctorCheck {
  return { name, status, detail, ...extra };
}
