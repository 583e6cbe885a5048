export interface Check {
  status: 'ok' | 'down'
  latencyMs: number
  error?: string
}

// Times one dependency round trip; a probe slower than the timeout counts as down.
export async function probe(task: () => Promise<unknown>, timeoutMs = 2_000): Promise<Check> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([task(), timeout])
    return { status: 'ok', latencyMs: elapsed(started) }
  } catch (error) {
    return { status: 'down', latencyMs: elapsed(started), error: (error as Error).message || String(error) }
  } finally {
    clearTimeout(timer)
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10
