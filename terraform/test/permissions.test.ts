import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkFunctionPermissions,
  formatFindings,
  functionEnvironments,
  functionPolicyStatements,
  loadModule,
  TERRAFORM_ROOT,
  type TriggerActions,
} from '../src/index.js';
import { tf } from './all-checks.js';

/**
 * The built triggers, as `pnpm build` leaves them: turbo builds every trigger before this
 * package's tests (they are its devDependencies, and `test` depends on `^build` through `build`).
 */
const TRIGGERS_DIR = join(TERRAFORM_ROOT, '..', 'triggers');

/** Where each service's actions may apply: the tenant table and the pool, nothing else. */
const RESOURCES = {
  dynamodb: [tf('aws_dynamodb_table.this.arn')],
  'cognito-idp': [tf('var.user_pool_arn')],
};

/** The IAM actions `bundle-trigger build` found in a trigger's bundle (its manifest). */
async function builtActions(folder: string): Promise<TriggerActions> {
  const path = join(TRIGGERS_DIR, folder, 'dist', 'manifest.json');
  let manifest: { awsActions?: unknown };
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as { awsActions?: unknown };
  } catch (error) {
    throw new Error(`${path}: cannot read it (${String(error)}); run pnpm build first`, {
      cause: error,
    });
  }
  const { awsActions } = manifest;
  if (!Array.isArray(awsActions) || !awsActions.every((action) => typeof action === 'string')) {
    throw new Error(`${path} lists no awsActions: rebuild the trigger (pnpm build)`);
  }
  return { folder, awsActions };
}

const triggersModule = loadModule(join(TERRAFORM_ROOT, 'modules/cognito-triggers'));
const folders = [...functionEnvironments(await triggersModule).keys()];

describe('the IAM policy of each function', () => {
  it('exists for every function of the module, and for no other', async () => {
    const policies = functionPolicyStatements(await triggersModule);

    expect([...policies.keys()].sort()).toEqual([...folders].sort());
  });

  it.each(folders)(
    '%s: grants exactly the AWS calls its built bundle can send, on the table and the pool only',
    async (folder) => {
      const built = await builtActions(folder);

      const findings = checkFunctionPermissions(await triggersModule, [built], RESOURCES);

      expect(formatFindings(findings)).toBe('');
    },
  );
});
