import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { validEnv } from './support/inputs.ts'
import { repoRoot } from './support/synth.ts'

// `npm run synth` is `node cdktf/main.ts`; the PATH here holds node and nothing else, so no terraform.
function synth(env: Record<string, string | undefined>) {
  const outdir = mkdtempSync(join(tmpdir(), 'meet-synth-'))
  const node = process.execPath
  const result = spawnSync(node, ['cdktf/main.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: dirname(node), HOME: outdir, CDKTF_OUTDIR: outdir, CDKTF_CONFIG_FILE: join(outdir, 'none.json'), ...env },
  })
  return { ...result, outdir }
}

// Each case runs the synth command in a process of its own: seconds on a busy machine.
describe('npm run synth', { timeout: 60_000 }, () => {
  test('writes cdktf.out/stacks/meet/cdk.tf.json without a terraform binary', () => {
    const { status, stderr, outdir } = synth(validEnv)
    expect(stderr).toBe('')
    expect(status).toBe(0)
    const tf = JSON.parse(readFileSync(join(outdir, 'stacks/meet/cdk.tf.json'), 'utf8'))
    expect(Object.keys(tf.resource)).toContain('oci_core_instance')
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(true)
  })

  test('DEPLOYMENT=staging writes its own stack folder, named and with a bucket of its own', () => {
    const { status, stderr, outdir } = synth({ ...validEnv, DEPLOYMENT: 'staging' })
    expect(stderr).toBe('')
    expect(status).toBe(0)
    const tf = JSON.parse(readFileSync(join(outdir, 'stacks/staging/cdk.tf.json'), 'utf8'))
    expect(tf.resource.oci_objectstorage_bucket.recordings.name).toBe('meet-staging-recordings')
    expect(existsSync(join(outdir, 'stacks/meet'))).toBe(false)
  })

  test('stops before synthesis with the list of inputs to fix, not a stack trace', () => {
    const { status, stderr, outdir } = synth({ ...validEnv, OCI_COMPARTMENT_OCID: undefined, ADMIN_CIDR: '1.2.3.4/33' })
    expect(status).toBe(1)
    expect(stderr).toContain('2 input(s) to fix')
    expect(stderr).toContain('OCI_COMPARTMENT_OCID (config key "compartmentOcid") is missing')
    expect(stderr).toContain('ADMIN_CIDR (config key "adminCidr") is invalid')
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(join(outdir, 'stacks'))).toBe(false)
  })

  test('warns, and still synthesizes, when the shape goes beyond the Always Free allowance', () => {
    const { status, stderr } = synth({ ...validEnv, A1_OCPUS: '6', A1_MEMORY_GB: '36' })
    expect(status).toBe(0)
    expect(stderr).toContain('Warning: A1_OCPUS=6 is more than the 4 OCPUs of the Always Free allowance')
  })
})
