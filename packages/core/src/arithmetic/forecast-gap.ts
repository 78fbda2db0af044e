import { type DecimalLike, finiteDecimal } from './decimal.js';
import { type Figure, figure } from './figure.js';

/** 预计差额 forecast − annual target: ≥ 0 means the target is expected to be met (预计能够完成全年目标任务). */
export function forecastGap(forecast: DecimalLike, target: DecimalLike): Figure {
  return figure(finiteDecimal(forecast).minus(finiteDecimal(target)));
}
