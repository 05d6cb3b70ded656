// The one domain error of Zenith: bad input from the world (a file, a frame, a request) is reported
// with a stable code and a context saying where (file, line, column, field, object), never as NaN.

/** Where a problem was found. Every key is optional; messages name the ones that are set. */
export interface ErrorContext {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
  readonly objectId?: number;
  readonly path?: string;
  readonly [key: string]: string | number | boolean | undefined;
}

export class ZenithError extends Error {
  readonly code: string;
  readonly context: ErrorContext;

  constructor(code: string, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ZenithError';
    this.code = code;
    this.context = context;
  }

  /** `file:line:column: [code] message` — the form every CLI prints. */
  describe(): string {
    return `${formatLocation(this.context)}[${this.code}] ${this.message}`;
  }

  toJSON(): { code: string; message: string; context: ErrorContext } {
    return { code: this.code, message: this.message, context: this.context };
  }
}

/** `file:line:column: ` from the parts of a context that are set, or an empty string. */
export function formatLocation(context: ErrorContext): string {
  const parts: string[] = [];
  if (context.file !== undefined) parts.push(context.file);
  if (context.line !== undefined) parts.push(String(context.line));
  if (context.column !== undefined) parts.push(String(context.column));
  return parts.length > 0 ? `${parts.join(':')}: ` : '';
}

export function isZenithError(value: unknown): value is ZenithError {
  return value instanceof ZenithError;
}
