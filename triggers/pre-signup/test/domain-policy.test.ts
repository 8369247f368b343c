import { describe, expect, it } from 'vitest';
import { blocksDomain, judgeDomain, matchesRule, parseDomainRule } from '../src/index.js';

const policy = (allowed: string[], blocked: string[] = []) => ({
  allowed: allowed.map(parseDomainRule),
  blocked: blocked.map(parseDomainRule),
});

describe('parseDomainRule', () => {
  it('reads an exact domain and a wildcard, normalised', () => {
    expect(parseDomainRule('Example.COM')).toEqual({
      text: 'Example.COM',
      kind: 'exact',
      domain: 'example.com',
    });
    expect(parseDomainRule('*.Bücher.example')).toEqual({
      text: '*.Bücher.example',
      kind: 'subdomains',
      domain: 'xn--bcher-kva.example',
    });
  });

  it.each([
    ['*', /"\*\." at its very start/],
    ['*.com', /valid domain/],
    ['*example.com', /"\*\." at its very start/],
    ['a.*.example.com', /"\*\." at its very start/],
    ['ana@example.com', /email address/],
    ['exa mple.com', /valid domain/],
    ['example.com.', /valid domain/],
    ['localhost', /valid domain/],
  ])('refuses %j', (text, message) => {
    expect(() => parseDomainRule(text)).toThrow(message);
  });
});

describe('matching', () => {
  it('matches an exact rule only on that very domain', () => {
    const rule = parseDomainRule('example.com');
    expect(matchesRule(rule, 'example.com')).toBe(true);
    expect(matchesRule(rule, 'eu.example.com')).toBe(false);
    expect(matchesRule(rule, 'example.com.evil.io')).toBe(false);
    expect(matchesRule(rule, 'evil-example.com')).toBe(false);
    expect(matchesRule(rule, 'notexample.com')).toBe(false);
  });

  it('matches a wildcard on subdomains at any depth, never on the apex', () => {
    const rule = parseDomainRule('*.example.com');
    expect(matchesRule(rule, 'eu.example.com')).toBe(true);
    expect(matchesRule(rule, 'a.b.c.example.com')).toBe(true);
    expect(matchesRule(rule, 'example.com')).toBe(false);
    expect(matchesRule(rule, 'badexample.com')).toBe(false);
    expect(matchesRule(rule, 'eu.example.com.evil.io')).toBe(false);
  });

  it('lets a block win over an allow', () => {
    const judged = judgeDomain(
      policy(['*.example.com', 'example.com'], ['contractors.example.com']),
      'contractors.example.com',
    );
    expect(judged).toMatchObject({ verdict: 'blocked', rule: { text: 'contractors.example.com' } });
  });

  it('blocks a subdomain of an exact blocked entry, at any depth, though a wildcard allows it', () => {
    const contractors = policy(['*.example.com'], ['contractors.example.com']);
    for (const domain of ['x.contractors.example.com', 'a.b.c.contractors.example.com']) {
      expect(judgeDomain(contractors, domain)).toMatchObject({
        verdict: 'blocked',
        rule: { text: 'contractors.example.com' },
      });
    }
    expect(judgeDomain(contractors, 'xcontractors.example.com').verdict).toBe('allowed');
    expect(judgeDomain(contractors, 'eu.example.com').verdict).toBe('allowed');
  });

  it('blocks with an exact entry its domain and what lies below it, nothing beside it', () => {
    const rule = parseDomainRule('Contractors.Example.com');
    expect(blocksDomain(rule, 'contractors.example.com')).toBe(true);
    expect(blocksDomain(rule, 'x.contractors.example.com')).toBe(true);
    expect(blocksDomain(rule, 'example.com')).toBe(false);
    expect(blocksDomain(rule, 'xcontractors.example.com')).toBe(false);
    expect(blocksDomain(rule, 'contractors.example.com.evil.io')).toBe(false);
  });

  it('blocks with a wildcard entry the subdomains only, not the apex', () => {
    const rule = parseDomainRule('*.guests.example.com');
    expect(blocksDomain(rule, 'x.guests.example.com')).toBe(true);
    expect(blocksDomain(rule, 'guests.example.com')).toBe(false);
    expect(
      judgeDomain(policy(['guests.example.com'], ['*.guests.example.com']), 'guests.example.com')
        .verdict,
    ).toBe('allowed');
  });

  it('blocks every subdomain under a blocked wildcard', () => {
    const judged = judgeDomain(
      policy(['*.example.com'], ['*.guests.example.com']),
      'x.guests.example.com',
    );
    expect(judged.verdict).toBe('blocked');
  });

  it('compares internationalised domains in their punycode form, either way round', () => {
    expect(judgeDomain(policy(['bücher.example']), 'xn--bcher-kva.example').verdict).toBe(
      'allowed',
    );
    expect(judgeDomain(policy(['xn--bcher-kva.example']), 'xn--bcher-kva.example').verdict).toBe(
      'allowed',
    );
  });
});
