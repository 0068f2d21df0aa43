/**
 * Kafka's SubscriptionPattern is RE2J syntax, matched against whole topic names. RE2's syntax
 * is, for what topic patterns use, a subset of JavaScript's: this module refuses what RE2
 * refuses (lookarounds, backreferences) in RE2J's words, translates the RE2-only forms
 * ((?P<name>...), \Q...\E, \A, \z, POSIX classes, leading (?i)/(?s) flags) and matches with a
 * RegExp anchored at both ends. A full RE2 port (re2js) is 60 KB gzip of Unicode tables the
 * page would load for one dialog option; re2-syntax.test.ts checks this against it.
 * Simplification (said in the message): inline flag groups inside the pattern, (?i:...), and
 * Unicode classes (\pL) are refused as not supported here.
 */

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

const perl = (what: string) => `error parsing regexp: invalid or unsupported Perl syntax: \`${what}\``;
const escape = (what: string) => `error parsing regexp: invalid escape sequence: \`${what}\``;
const unsupported = (what: string) => `${what} is valid RE2 but not supported by this simulator (write it without inline flags or Unicode classes)`;

/** The pattern as a RegExp matching whole names, or the message RE2J (or this simulator) refuses it with. */
export function compileRe2(regex: string): RegExp | string {
  let source = regex;
  let flags = '';
  // Leading flags, as Kafka's users write them: (?i) case-insensitive, (?s) dot matches newline.
  const lead = /^\(\?([is]+)\)/.exec(source);
  if (lead) {
    flags = [...new Set(lead[1]!)].join('');
    source = source.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const next = source[i + 1];
    if (ch === '\\') {
      if (next === undefined) return 'error parsing regexp: trailing backslash at end of expression: ``';
      if (next === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        const literal = source.slice(i + 2, end < 0 ? undefined : end);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? source.length : end + 1;
        continue;
      }
      if (/[1-9]/.test(next) || next === 'k') return escape(`\\${next}`);
      if (next === 'p' || next === 'P') return unsupported(`\\${next}`);
      if (next === 'A' && !inClass) out += '^';
      else if (next === 'z' && !inClass) out += '$';
      else out += ch + next;
      i += 1;
      continue;
    }
    if (inClass) {
      if (ch === '[' && next === ':') {
        const end = source.indexOf(':]', i + 2);
        const name = end < 0 ? '' : source.slice(i + 2, end);
        const negated = name.startsWith('^');
        const range = POSIX[negated ? name.slice(1) : name];
        if (range === undefined || negated) return `error parsing regexp: invalid character class range: \`${source.slice(i, end + 2)}\``;
        out += range;
        i = end + 1;
        continue;
      }
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      if (next === '^') {
        out += next;
        i += 1;
      }
      if (source[i + 1] === ']') {
        out += '\\]'; // a ']' first in a class is a literal in RE2
        i += 1;
      }
      continue;
    }
    if (ch === '(' && next === '?') {
      const rest = source.slice(i + 2);
      if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
        return perl(`(?${rest.startsWith('<') ? rest.slice(0, 2) : rest[0]}`);
      }
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
      if (rest.startsWith(':') || (rest.startsWith('<') && /^<[A-Za-z_]/.test(rest))) {
        out += '(?';
        i += 1;
        continue;
      }
      return unsupported(`(?${rest.slice(0, 2)}`);
    }
    out += ch;
  }
  try {
    return new RegExp(`^(?:${out})$`, flags);
  } catch (error) {
    return re2Message((error as Error).message, regex);
  }
}

/** JavaScript's parser error, in the words RE2J uses for the same mistake. */
function re2Message(message: string, regex: string): string {
  const words: [RegExp, string][] = [
    [/Unterminated group/, 'missing closing )'],
    [/Unmatched '\)'/, 'unexpected )'],
    [/Unterminated character class/, 'missing closing ]'],
    [/Nothing to repeat/, 'missing argument to repetition operator'],
    [/numbers out of order/, 'invalid repeat count'],
  ];
  const found = words.find(([pattern]) => pattern.test(message));
  return `error parsing regexp: ${found ? found[1] : message}: \`${regex}\``;
}
