import { spawnSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { readRepoFile, repoRoot } from './support/stack-files.ts'

// What `terraform show -json <plan>` gives, reduced to the fields the step reads.
const plan = (...changes: [address: string, actions: string[]][]) =>
  JSON.stringify({
    format_version: '1.2',
    resource_changes: changes.map(([address, actions]) => ({ address, type: address.split('.')[0], change: { actions } })),
  })

function runStep(planJson: string) {
  const result = spawnSync(process.execPath, ['scripts/deploy/replacements.ts'], { cwd: repoRoot, input: planJson, encoding: 'utf8' })
  return { status: result.status, out: result.stdout + result.stderr }
}

describe('deploy: what the plan replaces is said before it is applied', () => {
  test('an instance replacement is called out as a warning, and the deploy goes on', () => {
    const { status, out } = runStep(
      plan(
        ['oci_core_instance.server', ['delete', 'create']],
        ['oci_core_volume_attachment.data_attachment', ['delete', 'create']],
        ['oci_core_security_list.public', ['update']],
      ),
    )
    expect(status).toBe(0)
    expect(out).toContain(
      '::warning::The plan replaces oci_core_instance.server (the server: the site is down until the new one has booted; data stays on the data volume)',
    )
    expect(out).toContain('::warning::The plan replaces oci_core_volume_attachment.data_attachment')
    expect(out).not.toContain('security_list')
  })

  test('replacing or destroying the data volume or the bucket stops the deploy with an error', () => {
    const { status, out } = runStep(plan(['oci_core_volume.data', ['create', 'delete']], ['oci_objectstorage_bucket.recordings', ['delete']]))
    expect(status).toBe(1)
    expect(out).toContain('::error::The plan would replace oci_core_volume.data, which holds data: not applied.')
    expect(out).toContain('::error::The plan would destroy oci_objectstorage_bucket.recordings, which holds data: not applied.')
  })

  test('a plan that only updates says so', () => {
    expect(runStep(plan(['oci_core_instance.server', ['update']]))).toEqual({ status: 0, out: 'The plan replaces and destroys nothing.\n' })
  })

  test('the workflow plans, reports, then applies exactly that plan', () => {
    const steps = (parse(readRepoFile('.github/workflows/deploy.yml')) as { jobs: { deploy: { steps: { name?: string; run?: string }[] } } }).jobs.deploy.steps
    const planStep = steps.findIndex((s) => s.name === 'Plan')
    const applyStep = steps.findIndex((s) => s.name === 'Apply')
    expect(steps[planStep].run).toContain('terraform show -json deploy.tfplan | node "$GITHUB_WORKSPACE/scripts/deploy/replacements.ts"')
    expect(steps[applyStep].run).toBe('terraform apply -input=false deploy.tfplan')
    expect(applyStep).toBe(planStep + 1)
  })
})
