import { Testing } from 'cdktf'
import { resolve } from 'node:path'
import { readStackFiles } from '../../../../cdktf/cloud-init/stack-files.ts'
import { MeetStack } from '../../../../cdktf/stack.ts'
import { inputsWith } from './inputs.ts'

export const repoRoot = resolve(import.meta.dirname, '../../../..')

export interface Synthesized {
  json: string
  tf: TerraformJson
}

export interface TerraformJson {
  terraform: { required_providers: Record<string, { source: string; version: string }> }
  provider: Record<string, Record<string, unknown>[]>
  resource: Record<string, Record<string, Record<string, any>>>
  data: Record<string, Record<string, Record<string, any>>>
  output: Record<string, { value: string; sensitive?: boolean }>
}

export const repoStackFiles = () => readStackFiles(repoRoot)

// The stack as `npm run synth` builds it, with the repository's own Compose files.
export function synthWith(overrides: Record<string, string | undefined> = {}): Synthesized {
  const stack = new MeetStack(Testing.app(), 'meet', { inputs: inputsWith(overrides), stackFiles: repoStackFiles() })
  const json = Testing.synth(stack)
  return { json, tf: JSON.parse(json) }
}

export const instanceOf = (tf: TerraformJson) => tf.resource.oci_core_instance.server
