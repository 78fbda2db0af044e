import { describe, it } from 'vitest';
import { expectValue } from './arithmetic.test-helpers.js';
import { forecastGap } from './forecast-gap.js';

describe('forecast gap 预计差额', () => {
  it('is forecast − target: 35.8 against 35 is 0.8 over, so the target is expected to be met', () => {
    expectValue(forecastGap('35.8', '35'), '0.8');
  });

  it('is negative for an expected shortfall: 34.368 against 35 falls 0.632 short', () => {
    expectValue(forecastGap('34.368', '35'), '-0.632');
  });

  it('is zero when the forecast lands on the target, which counts as met', () => {
    expectValue(forecastGap('35.00', '35'), '0');
  });
});
