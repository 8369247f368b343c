/** What each offline check reports; a seeded-mistake fixture under test/fixtures/ proves each. */
export const Check = {
  WildcardAction: 'WILDCARD_ACTION',
  WildcardResource: 'WILDCARD_RESOURCE',
  TfvarsUnknownKey: 'TFVARS_UNKNOWN_KEY',
  TfvarsWrongType: 'TFVARS_WRONG_TYPE',
  ModuleConvention: 'MODULE_CONVENTION',
} as const;

export type Check = (typeof Check)[keyof typeof Check];

/** One problem found in the Terraform code, located well enough to fix it. */
export interface Finding {
  readonly check: Check;
  /** File relative to terraform/. */
  readonly file: string;
  /** The address inside it: `aws_lambda_function.this`, `variable.name`, `tfvars.key`, … */
  readonly where: string;
  readonly message: string;
}

/** One line per finding, for a failing test's message. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings
    .map((finding) => `${finding.check} ${finding.file} ${finding.where}: ${finding.message}`)
    .join('\n');
}
