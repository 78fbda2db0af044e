export * from './access/index.js';
export * from './arithmetic/index.js';
export * from './china-time.js';
export * from './dataset/index.js';
export * from './errors.js';
export * from './ledgers/index.js';
export * from './model.js';
export * from './report/index.js';
