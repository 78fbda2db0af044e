// Reading a dataset file (数据集): the format is docs/dataset.md, the shape ../format/dataset.schema.json.
export { formatProblem, type Problem } from '../errors.js';
export { datasetSchema } from '../format/schema.js';
export { closestName } from '../format/suggest.js';
export type { Dataset } from './normalise.js';
export { MAX_PROBLEMS, type ParseResult, parseDataset } from './parse.js';
export { type TargetIndicator, type TargetInput, validateTarget } from './target-rules.js';
