/**
 * The rules the web app shows, for the browser: who may do what, and how a period is named.
 * Nothing here reaches YAML, ajv, LiquidJS or Node, so the web bundle takes only these
 * modules (web/scripts/bundle-size.mjs holds the budget); the web imports
 * `@taizhang/core/browser`, never the package root.
 */
export * from './access/index.js';
export * from './period/index.js';
