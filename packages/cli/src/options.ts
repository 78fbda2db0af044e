import { InvalidArgumentError } from 'commander';

/** An option's parser accepting a whole number in [min, max], refusing anything else in Chinese. */
export function integerIn(min: number, max: number, what: string) {
  return (text: string): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) {
      throw new InvalidArgumentError(`${what}应为 ${min} 至 ${max} 的整数，实际为 "${text}"`);
    }
    return n;
  };
}
