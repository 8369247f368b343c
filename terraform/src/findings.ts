/** What each offline check reports; a seeded-mistake fixture under test/fixtures/ proves each. */
export const Check = {
  WildcardAction: 'WILDCARD_ACTION',
  WildcardResource: 'WILDCARD_RESOURCE',
  TfvarsUnknownKey: 'TFVARS_UNKNOWN_KEY',
  TfvarsWrongType: 'TFVARS_WRONG_TYPE',
  EnvVarMissing: 'ENV_VAR_MISSING',
  EnvVarExtra: 'ENV_VAR_EXTRA',
  EnvVarMapping: 'ENV_VAR_MAPPING',
  IamActionMissing: 'IAM_ACTION_MISSING',
  IamActionExtra: 'IAM_ACTION_EXTRA',
  IamResourceScope: 'IAM_RESOURCE_SCOPE',
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
