import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Problem } from '../errors.js';
import type { Dataset } from './normalise.js';
import { type ParseResult, parseDataset } from './parse.js';

/** Two sections and two indicators (monthly fai, quarterly output): 24 lines, a sound start for every case. */
export const HEAD = `format: taizhang-dataset/1
organisation:
  code: demo
  name: 示范区住房和城乡建设局
sections:
  - code: plan
    name: 计划股
  - code: build
    name: 建筑业管理股
indicators:
  - code: fai
    name: 固定资产投资
    unit: 亿元
    section: plan
    kind: flow
    frequency: monthly
    decimals: 2
  - code: output
    name: 建筑业总产值
    unit: 亿元
    section: build
    kind: flow
    frequency: quarterly
    decimals: 2
`;

export function parseText(text: string, file = 'test.yaml'): ParseResult {
  return parseDataset(new TextEncoder().encode(text), file);
}

export function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}

/** The problems of a file that must be refused. */
export function problemsOf(result: ParseResult): Problem[] {
  if (result.ok) expect.fail('the file was accepted, but it should have been refused');
  return result.problems;
}

/** The dataset of a file that must be accepted, failing with its problems otherwise. */
export function datasetOf(result: ParseResult): Dataset {
  if (!result.ok) expect.fail(`the file was refused:\n${result.problems.map((p) => p.message).join('\n')}`);
  return result.dataset;
}

/** The only problem of a refused file. */
export function onlyProblem(result: ParseResult): Problem {
  const problems = problemsOf(result);
  expect(problems, problems.map((p) => `${p.path} ${p.message}`).join('\n')).toHaveLength(1);
  return problems[0] as Problem;
}

/** 1-based line of the first line of `text` that contains `needle` (which must occur once). */
export function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  const found = lines.flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  expect(found, `"${needle}" should occur on exactly one line`).toHaveLength(1);
  return found[0] as number;
}
