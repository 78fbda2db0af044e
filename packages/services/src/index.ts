export * from './completeness.js';
export * from './demo.js';
export * from './indicator-figures.js';
export * from './load-dataset.js';
export * from './organisation.js';
export * from './user-error.js';
