// Placeholder until @cognito-triggers/tenancy lands: replaced by the real store path.
import type { StorePath } from './tenant.js';

export const findOrProvision: StorePath['findOrProvision'] = async () => {
  throw new Error('tenant store not wired yet');
};
