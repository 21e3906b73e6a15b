import { describe, expect, it } from 'vitest';
import { coerceValue, countValue, durationWords, parseDurationDraft, valueText } from './values.ts';

describe('form values', () => {
  it('reads typed values: numbers, booleans, quoted text and lists', () => {
    expect(coerceValue('eq', '100')).toBe(100);
    expect(coerceValue('eq', 'true')).toBe(true);
    expect(coerceValue('eq', '"100"')).toBe('100');
    expect(coerceValue('eq', 'Pune')).toBe('Pune');
    expect(coerceValue('in', 'Pune, Mumbai, 3')).toEqual(['Pune', 'Mumbai', 3]);
    expect(coerceValue('contains', '42')).toBe('42');
    expect(coerceValue('exists', 'x')).toBeUndefined();
    expect(valueText('100')).toBe('"100"');
    expect(valueText(['a', 1])).toBe('a, 1');
    expect(parseDurationDraft('-5d')).toEqual({ amount: '5', unit: 'd' });
  });

  it('reads counts and durations for the validator and the suggested name', () => {
    expect(countValue(' 5 ')).toBe(5);
    expect(countValue('')).toBeUndefined();
    expect(countValue('five')).toBe('five');
    expect(durationWords({ amount: '10', unit: 'm' })).toBe('10 minutes');
    expect(durationWords({ amount: '0', unit: 'm' })).toBe('');
  });
});
