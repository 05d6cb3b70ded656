// NATS-style subjects for the bus: dot-separated tokens, `*` matches one token and `>` (last only)
// matches one or more. Both bus implementations validate and match with these same rules.

const TOKEN_RE = /^[^\s.*>]+$/;

/** True when `subject` is a well-formed subject; wildcards only when `wildcards` is true. */
export function isValidSubject(subject: string, wildcards: boolean): boolean {
  if (subject.length === 0 || subject.length > 255) return false;
  const tokens = subject.split('.');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (wildcards && token === '*') continue;
    if (wildcards && token === '>' && i === tokens.length - 1) continue;
    if (!TOKEN_RE.test(token)) return false;
  }
  return true;
}

/** Throws a TypeError naming the subject when it is malformed: subjects are chosen by code, not users. */
export function assertSubject(subject: string, wildcards: boolean): void {
  if (!isValidSubject(subject, wildcards)) {
    const what = wildcards ? 'tokens separated by dots, `*` or a final `>`' : 'tokens separated by dots, without wildcards';
    throw new TypeError(`bus subject must be ${what}, got ${JSON.stringify(subject)}`);
  }
}

/** True when the concrete `subject` is matched by `pattern` (which may hold `*` and `>`). */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    const token = p[i];
    if (token === '>') return s.length > i;
    if (i >= s.length) return false;
    if (token !== '*' && token !== s[i]) return false;
  }
  return p.length === s.length;
}

/** True when some concrete subject is matched by both patterns (streams may not share subjects). */
export function subjectsOverlap(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; ; i++) {
    const tx = x[i];
    const ty = y[i];
    if (tx === undefined || ty === undefined) return tx === ty;
    if (tx === '>' || ty === '>') return true;
    if (tx !== '*' && ty !== '*' && tx !== ty) return false;
  }
}
