import type { Writable } from 'node:stream'

/**
 * JSON log lines leave in one write per turn of the event loop: under load the request log would
 * otherwise cost a system call per request. Lines keep their order and are written once the turn's
 * I/O is handled (setImmediate); what is left at exit is written then, and stdout and stderr are
 * synchronous for files and pipes on Linux, so a process that exits loses no line it queued.
 */
function lineOutput(stream: Writable): (line: string) => void {
  let pending = ''
  const flush = () => {
    if (!pending) return
    const text = pending
    pending = ''
    stream.write(text)
  }
  process.on('exit', flush)
  return (line) => {
    if (!pending) setImmediate(flush)
    pending += line
  }
}

export const writeStdoutLine = lineOutput(process.stdout)
export const writeStderrLine = lineOutput(process.stderr)
