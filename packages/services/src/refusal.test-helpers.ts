import { expect } from 'vitest';
import { ServiceError } from './service-error.js';

/** The refusal a call rejects with; a call that succeeds, or fails otherwise, fails the test. */
export async function refusal(work: Promise<unknown>): Promise<ServiceError> {
  const error = await work.then(
    () => expect.fail('the call should have been refused'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}
