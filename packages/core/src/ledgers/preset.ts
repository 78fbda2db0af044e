import seed from '../presets/seed-ledgers.json' with { type: 'json' };
import type { LedgerTypePreset } from './definition.js';

/**
 * The built-in ledgers (the seed bureau's eleven registers), shipped as data in the same
 * format an office writes its own in (docs/ledgers.md). A test holds it to the JSON Schema
 * and to the checks every ledger type passes.
 */
export const SEED_PRESET = seed as LedgerTypePreset;
