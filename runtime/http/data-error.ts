// PostgreSQL's data exceptions (SQLSTATE class 22: a value too long, a time out of range, a NUL
// in text) mean the request carried a value that cannot be stored: the caller's mistake, a 400.
export function dataErrorMessage(error: unknown): string | undefined {
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) return e.message
  }
  return undefined
}
