import { describe, expect, expectTypeOf, it } from 'vitest';
import { CUSTOM_MESSAGE_SOURCES, CustomMessageSource } from '../src/index.js';

describe('CUSTOM_MESSAGE_SOURCES', () => {
  it('lists each source of CustomMessageSource once', () => {
    expect(CUSTOM_MESSAGE_SOURCES.toSorted()).toEqual(
      Object.values(CustomMessageSource).toSorted(),
    );
  });

  it('is typed as the union, so that code over it covers every source', () => {
    expectTypeOf<(typeof CUSTOM_MESSAGE_SOURCES)[number]>().toEqualTypeOf<CustomMessageSource>();
  });
});
