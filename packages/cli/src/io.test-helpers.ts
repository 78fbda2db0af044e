/** An Io for `main` that keeps what a command writes in `text`, and reads `stdin` as its input. */
export function capture(stdin = '') {
  const text = { out: '', err: '' };
  return {
    text,
    readIn: async () => new TextEncoder().encode(stdin),
    out: (t: string) => {
      text.out += t;
    },
    err: (t: string) => {
      text.err += t;
    },
  };
}
