/** The claims of a JSON Web Token, as its payload says (no signature check). */
export type Claims = Readonly<Record<string, unknown>>;

/**
 * Decodes the payload of a JWT (the base64url JSON between the two dots) for display. It does
 * NOT verify the signature: never use it to trust a token; APIs use `@cognito-triggers/verify`.
 *
 * @throws {Error} when the text is not three dot-separated parts with a JSON object in the middle.
 * @example
 * decodeJwtPayload(idToken).tenant_id; // 'example'
 */
export function decodeJwtPayload(token: string): Claims {
  const parts = token.split('.');
  const payload = parts.length === 3 ? parts[1] : undefined;
  if (payload === undefined) throw new Error('not a JWT: expected three dot-separated parts');
  const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new Error('not a JWT: the payload is not a JSON object');
  }
  return claims as Claims;
}

/** One row: a label (who, which token) and the token's claims. */
export interface ClaimsRow {
  readonly user: string;
  readonly token: string;
  readonly claims: Claims;
}

/**
 * A plain-text table of chosen claims, one row per token; a missing claim shows as `-`, a list
 * as its items joined by commas.
 *
 * @example
 * claimsTable(
 *   [{ user: 'ana@example.com', token: 'id (sign-in)', claims: decodeJwtPayload(idToken) }],
 *   ['tenant_id', 'tenant_role', 'cognito:groups'],
 * );
 * // user             token         tenant_id  tenant_role  cognito:groups
 * // ana@example.com  id (sign-in)  example    admin        tenant-admin
 */
export function claimsTable(rows: readonly ClaimsRow[], claimNames: readonly string[]): string {
  const header = ['user', 'token', ...claimNames];
  const body = rows.map((row) => [
    row.user,
    row.token,
    ...claimNames.map((name) => claimText(row.claims[name])),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join(
    '\n',
  );
}

function claimText(value: unknown): string {
  if (value === undefined || value === null) return '-';
  if (Array.isArray(value)) return value.length === 0 ? '-' : value.map(String).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
