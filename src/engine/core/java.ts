/** Java's arithmetic where Kafka's behaviour depends on it. */

/** String.hashCode: s[0]*31^(n-1) + ... + s[n-1], in 32-bit ints over UTF-16 code units. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's Utils.abs: Math.abs, except that Integer.MIN_VALUE maps to 0 instead of itself. */
export function kafkaAbs(n: number): number {
  return n === -2_147_483_648 ? 0 : Math.abs(n);
}
