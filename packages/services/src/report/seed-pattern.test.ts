import { describe, expect, it } from 'vitest';
import { seedPattern, seedSentences } from './seed.test-helpers.js';

describe('seed patterns', () => {
  it('require a number for every blank, and a name for every xx', () => {
    const pattern = seedPattern('一是全年固定资产投资目标任务亿元，1－XX月已完成投资亿元，占全年目标的％。');
    expect(
      pattern.test('一是全年固定资产投资目标任务36.00亿元，1－10月已完成投资29.02亿元，占全年目标的80.6％。'),
    ).toBe(true);
    expect(pattern.test('一是全年固定资产投资目标任务亿元，1－10月已完成投资29.02亿元，占全年目标的80.6％。')).toBe(
      false,
    );
    expect(
      seedPattern('xx区综合产业园建设项目正在报批土地、林地手续。').test(
        '示范区综合产业园建设项目正在报批土地、林地手续。',
      ),
    ).toBe(true);
  });

  it('keep the 余 of an approximate number', () => {
    const pattern = seedPattern('面积XX余平方米，移除树木XXX余棵。');
    expect(pattern.test('面积18000余平方米，移除树木860余棵。')).toBe(true);
  });

  it('leave words that merely end like a unit alone', () => {
    expect(seedPattern('种植玉米、荞、土豆等农作物。').test('种植玉米、荞、土豆等农作物。')).toBe(true);
  });

  it('cut the seed into sentences', () => {
    expect(seedSentences('一是甲。二是乙。\n──丙。 \n')).toEqual(['一是甲。', '二是乙。', '──丙。']);
    expect(seedSentences('力争增幅排名全市全三。复耕面积亩亩。')).toEqual(['力争增幅排名全市前三。', '复耕面积亩。']);
  });
});
