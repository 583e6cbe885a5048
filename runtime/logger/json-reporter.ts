import type { ConsolaReporter, LogObject } from 'consola'
import { requestContext } from './request-context.ts'
import { writeStderrLine, writeStdoutLine } from './line-output.ts'

// One JSON object per line for log collectors; objects passed to the logger become fields.
export const jsonReporter: ConsolaReporter = {
  log(entry: LogObject) {
    const fields: Record<string, unknown> = {}
    const words: string[] = []
    for (const arg of entry.args) {
      if (arg instanceof Error) fields.error = { name: arg.name, message: arg.message, stack: arg.stack }
      else if (arg && typeof arg === 'object') Object.assign(fields, arg)
      else words.push(String(arg))
    }
    const line = {
      time: entry.date.toISOString(),
      level: entry.type,
      ...(entry.tag ? { tag: entry.tag } : {}),
      requestId: requestContext.getStore()?.requestId,
      message: words.join(' '),
      ...fields,
    }
    ;(entry.level <= 1 ? writeStderrLine : writeStdoutLine)(JSON.stringify(line) + '\n')
  },
}
