import { gunzipSync } from 'node:zlib'
import { parse } from 'yaml'

export interface WriteFile {
  path: string
  content: string
  permissions: string
  encoding?: string
}

export interface CloudConfig {
  write_files: WriteFile[]
  runcmd: string[][]
}

// What cloud-init on the instance gets: base64 user_data, gzip-compressed, then YAML.
export function decodeUserData(userData: string): { text: string; config: CloudConfig } {
  const text = gunzipSync(Buffer.from(userData, 'base64')).toString('utf8')
  return { text, config: parse(text) as CloudConfig }
}

export function fileAt(config: CloudConfig, path: string): WriteFile {
  const file = config.write_files.find((f) => f.path === path)
  if (!file) throw new Error(`user data writes no ${path}`)
  return file
}

export function contentBytes(file: WriteFile): Buffer {
  return file.encoding === 'gz+b64' ? gunzipSync(Buffer.from(file.content, 'base64')) : Buffer.from(file.content, 'utf8')
}
