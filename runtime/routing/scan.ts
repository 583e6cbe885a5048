import { readdir } from 'node:fs/promises'
import { relative, join } from 'node:path'

// Every file under `dir`, as sorted paths relative to it, so route order never depends on the disk.
export async function scanFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
    .sort()
}
