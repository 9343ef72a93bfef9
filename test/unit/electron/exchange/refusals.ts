/** Assertions shared by the exchange tests: how a refusal must look to the person who gets it. */
import { expect } from 'vitest';
import type { AppErrorData, ErrorCode } from '../../../../shared/errors';

/**
 * A refusal a QA officer can read: one or more sentences (a capital first, a full stop last), no
 * stack frames, no line breaks, no "undefined" or "[object Object]" from a careless template.
 */
export function expectClearMessage(message: string): void {
  expect(message).toMatch(/^[A-Z"].*[.]$/s);
  expect(message).not.toMatch(/\n|\bat .+:\d+:\d+|undefined|\[object Object\]|Error:/);
  expect(message.length).toBeLessThan(700);
}

export function expectRefusal(
  result: { ok: true } | { ok: false; error: AppErrorData },
  code: ErrorCode | readonly ErrorCode[],
  messagePattern?: RegExp,
): AppErrorData {
  expect(result.ok, 'the file should have been refused').toBe(false);
  if (result.ok) throw new Error('unreachable');
  const codes = typeof code === 'string' ? [code] : code;
  expect(codes, `unexpected code ${result.error.code}: ${result.error.message}`).toContain(result.error.code);
  expectClearMessage(result.error.message);
  if (messagePattern) expect(result.error.message).toMatch(messagePattern);
  return result.error;
}

export const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
export const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
