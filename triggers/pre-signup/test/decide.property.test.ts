import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideSignUp, preSignUpConfig, RejectionCode } from '../src/index.js';

// The model: an independent statement of the contract on label arrays. `example.com` allows
// exactly ["example", "com"]; `*.example.com` allows any longer array ending in those labels.
// A block reaches further: blocked `example.com` refuses ["example", "com"] and every longer
// array ending in those labels; blocked `*.example.com` only the longer ones.
interface ModelRule {
  wildcard: boolean;
  labels: string[];
}

const endsWithLabels = (labels: string[], suffix: string[]) =>
  labels.slice(labels.length - suffix.length).every((label, index) => label === suffix[index]);

const allowedByModel = (rules: ModelRule[], labels: string[]) =>
  rules.some((rule) => {
    if (
      rule.wildcard ? labels.length <= rule.labels.length : labels.length !== rule.labels.length
    ) {
      return false;
    }
    return endsWithLabels(labels, rule.labels);
  });

const blockedByModel = (rules: ModelRule[], labels: string[]) =>
  rules.some((rule) => {
    const deepEnough = rule.wildcard
      ? labels.length > rule.labels.length
      : labels.length >= rule.labels.length;
    return deepEnough && endsWithLabels(labels, rule.labels);
  });

// Labels with "--" in third and fourth place are reserved for punycode (CheckHyphens).
const label = fc
  .stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/)
  .filter((text) => text.slice(2, 4) !== '--');
const topLevel = fc.stringMatching(/^[a-z]{2,6}$/);
const domainLabels = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), topLevel)
  .map(([labels, tld]) => [...labels, tld]);
const rule = fc.record({ wildcard: fc.boolean(), labels: domainLabels });
const allowlist = fc.array(rule, { minLength: 1, maxLength: 4 });
const localPart = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}$/).filter((local) => {
  return !local.includes('..') && !local.endsWith('.');
});

const ruleText = (rule: ModelRule) => `${rule.wildcard ? '*.' : ''}${rule.labels.join('.')}`;

const decide = (rules: ModelRule[], email: string, blocked: ModelRule[] = []) =>
  decideSignUp(
    preSignUpConfig.load({
      ALLOWED_EMAIL_DOMAINS: rules.map(ruleText).join(','),
      BLOCKED_EMAIL_DOMAINS: blocked.map(ruleText).join(','),
    }),
    { triggerSource: 'PreSignUp_SignUp', userAttributes: { email } },
  );

// Rules that admit a domain, each way one can: the domain itself, and a wildcard on each of its
// parents (at least two labels deep); `pick` chooses which of them the allowlist holds.
const admitting = (labels: string[], pick: boolean[]): ModelRule[] =>
  [
    { wildcard: false, labels },
    ...labels
      .map((_, index) => ({ wildcard: true, labels: labels.slice(index + 1) }))
      .filter((parent) => parent.labels.length >= 2),
  ].filter((_, index) => pick[index % pick.length]);

const upperSome = (text: string, mask: number) =>
  [...text].map((char, index) => ((mask >> (index % 31)) & 1 ? char.toUpperCase() : char)).join('');

describe('the allowlist, for any policy', () => {
  it('never accepts an email outside it, and accepts every one inside it', () => {
    fc.assert(
      fc.property(allowlist, localPart, domainLabels, (rules, local, labels) => {
        const decision = decide(rules, `${local}@${labels.join('.')}`);
        expect(decision.allowed).toBe(allowedByModel(rules, labels));
      }),
      { numRuns: 2_000 },
    );
  });

  it('accepts exactly what it allows and the blocklist does not block', () => {
    // Allow and block rules drawn from the email's own domain and its parents as well as at
    // random, so that the two lists actually meet the domains they are judged against.
    fc.assert(
      fc.property(
        allowlist,
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.array(rule, { maxLength: 2 }),
        fc.array(fc.record({ wildcard: fc.boolean(), depth: fc.nat() }), { maxLength: 2 }),
        localPart,
        domainLabels,
        (randomAllows, pick, randomBlocks, suffixBlocks, local, labels) => {
          const rules = [...randomAllows, ...admitting(labels, pick)];
          const blocked = [
            ...randomBlocks,
            ...suffixBlocks.map(({ wildcard, depth }) => ({
              wildcard,
              labels: labels.slice(Math.min(depth % labels.length, labels.length - 2)),
            })),
          ];
          const decision = decide(rules, `${local}@${labels.join('.')}`, blocked);
          expect(decision.allowed).toBe(
            allowedByModel(rules, labels) && !blockedByModel(blocked, labels),
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('accepts every email at an allowed domain, in any letter case', () => {
    fc.assert(
      fc.property(
        allowlist,
        fc.nat(),
        fc.array(label, { minLength: 1, maxLength: 3 }),
        localPart,
        fc.integer(),
        (rules, pick, sub, local, mask) => {
          const chosen = rules[pick % rules.length] as ModelRule;
          const labels = chosen.wildcard ? [...sub, ...chosen.labels] : chosen.labels;
          const email = upperSome(`${local}@${labels.join('.')}`, mask);
          expect(decide(rules, email).allowed).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('refuses look-alikes of an allowed domain unless the model allows them', () => {
    const mutations = [
      (labels: string[]) => `${labels.join('.')}.evil.io`,
      (labels: string[]) => `evil-${labels.join('.')}`,
      (labels: string[]) => `${labels.join('-')}.com`,
      (labels: string[]) =>
        labels
          .join('.')
          .replace(/[aeo]/, (c) => ({ a: '\u0430', e: '\u0435', o: '\u043e' })[c] ?? c),
      (labels: string[]) => `${labels.join('.')}@evil.io`,
      (labels: string[]) => `evil.io"@${labels.join('.')}`,
      (labels: string[]) => labels.join('.').replace('.', '%2e'),
    ];
    fc.assert(
      fc.property(
        allowlist,
        fc.nat(),
        fc.nat(mutations.length - 1),
        localPart,
        (rules, pick, which, local) => {
          const chosen = rules[pick % rules.length] as ModelRule;
          const mutated = (mutations[which] as (labels: string[]) => string)(chosen.labels);
          const decision = decide(rules, `${local}@${mutated}`);
          const plainAscii = /^[a-z0-9.-]+$/.test(mutated);
          const expected = plainAscii && allowedByModel(rules, mutated.split('.'));
          expect(decision.allowed).toBe(expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('never lets a wildcard admit its own apex', () => {
    fc.assert(
      fc.property(domainLabels, localPart, (labels, local) => {
        const rules = [{ wildcard: true, labels }];
        expect(decide(rules, `${local}@${labels.join('.')}`).allowed).toBe(false);
      }),
    );
  });
});

describe('the blocklist, for any policy', () => {
  it('refuses every domain under an exact blocked entry, whatever the allowlist', () => {
    fc.assert(
      fc.property(
        domainLabels,
        fc.array(label, { maxLength: 3 }),
        fc.array(rule, { maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        localPart,
        (blockedLabels, below, randomAllows, pick, local) => {
          const labels = [...below, ...blockedLabels];
          const rules = [
            ...randomAllows,
            ...admitting(labels, pick),
            { wildcard: true, labels: blockedLabels },
          ];
          const blocked = { wildcard: false, labels: blockedLabels };

          const decision = decide(rules, `${local}@${labels.join('.')}`, [blocked]);

          expect(decision).toMatchObject({
            allowed: false,
            code: RejectionCode.DomainNotAllowed,
            verdict: 'blocked',
            rule: { text: ruleText(blocked) },
          });
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
