import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { join } from 'node:path'

/** Each service's output goes to `<dir>/<name>.log` (appended across runs). */
export function createLogFiles(dir: string) {
  mkdirSync(dir, { recursive: true })
  const streams: WriteStream[] = []
  return {
    writerFor(name: string) {
      const stream = createWriteStream(join(dir, `${name}.log`), { flags: 'a' })
      streams.push(stream)
      return (line: string) => stream.write(`${line}\n`)
    },
    close: () => Promise.all(streams.map((stream) => new Promise((resolve) => stream.end(resolve)))),
  }
}
