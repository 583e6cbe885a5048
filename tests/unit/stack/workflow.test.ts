import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, test } from 'vitest'
import { cacheDir } from '../../../native/cache-dir.ts'
import { readRepoFile, repoRoot } from './support/stack-files.ts'

interface Step {
  run?: string
  uses?: string
  with?: Record<string, unknown>
}
interface Job {
  needs?: string
  if?: string
  environment?: string
  container?: string
  steps: Step[]
  permissions?: Record<string, string>
  uses?: string
  with?: Record<string, string>
  secrets?: string
  env?: Record<string, string>
  'runs-on'?: string
  strategy?: { matrix: Record<string, string[]> & { include?: Array<Record<string, string>> } }
}

const workflowPath = '.github/workflows/ci.yml'
const deployPath = '.github/workflows/deploy.yml'
const workflow = parse(readRepoFile(workflowPath)) as { jobs: Record<string, Job> }
const { test: tests, images, containers, 'deploy-staging': deployStaging, 'deploy-production': deployProduction } = workflow.jobs
const { deploy } = (parse(readRepoFile(deployPath)) as { jobs: Record<string, Job> }).jobs
const harnessSource = ['tests/setup/containers.ts', 'tests/containers/support/engine.ts', 'tests/unit/stack/support/compose-cli.ts', 'native/chromium.ts']
  .map(readRepoFile)
  .join('\n')
const actionlint = join(cacheDir(), 'bin', 'actionlint-v1.7.12')
const dockerfileLint = join(cacheDir(), 'bin', 'dockerfile-lint-buildkit-v0.33.1')

function lintDockerfiles(...files: string[]) {
  if (!existsSync(dockerfileLint)) throw new Error(`${dockerfileLint} is missing: run npm run setup`)
  const result = spawnSync(dockerfileLint, files, { cwd: repoRoot, encoding: 'utf8' })
  return { status: result.status, output: result.stdout + result.stderr }
}

describe('GitHub Actions workflow', () => {
  test('actionlint finds nothing wrong', () => {
    if (!existsSync(actionlint)) throw new Error(`${actionlint} is missing: run npm run setup`)
    const result = spawnSync(actionlint, [workflowPath, deployPath], { cwd: repoRoot, encoding: 'utf8' })
    expect(result.stdout + result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  test("runs the README's test command", () => {
    expect(tests.steps.map((step) => step.run)).toContain('npm ci && npm test')
  })

  test('checks production dependencies against the registry after the tests, outside npm test', () => {
    const runs = tests.steps.map((step) => step.run)
    const [testStep, audit, depsCheck] = ['npm ci && npm test', 'npm run audit:prod', 'npm run deps:check'].map((run) => runs.indexOf(run))
    expect(depsCheck).toBeGreaterThan(testStep)
    expect(depsCheck).toBe(audit + 1)
    const scripts = (JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> }).scripts
    expect(scripts['deps:check']).toBe('node scripts/deps-check.ts')
    expect(`${scripts.test} ${scripts.pretest}`).not.toContain('deps:check')
  })

  test('builds both images for amd64 and arm64 with buildx after the tests, pushing to GHCR from main', () => {
    expect(images.needs).toBe('test')
    expect(images.permissions?.packages).toBe('write')
    expect(images.steps.map((step) => step.uses?.split('@')[0])).toEqual(
      expect.arrayContaining(['docker/setup-qemu-action', 'docker/setup-buildx-action', 'docker/login-action', 'docker/build-push-action']),
    )
    const build = images.steps.find((step) => step.uses?.startsWith('docker/build-push-action'))!
    expect(build.with).toMatchObject({
      platforms: 'linux/amd64,linux/arm64',
      file: '${{ matrix.image }}/Dockerfile',
      context: '${{ matrix.context }}',
      target: '${{ matrix.target }}',
    })
    // Every image compose.yaml names with IMAGE_TAG is published, so the VM only ever pulls a release.
    expect(images.strategy!.matrix.include).toEqual([
      { image: 'runtime', context: '.', target: 'production' },
      { image: 'site', context: '.', target: 'production' },
      { image: 'caddy', context: 'caddy', target: '' },
    ])
    expect(String(build.with!.push)).toContain("github.ref == 'refs/heads/main'")
    expect(readRepoFile(workflowPath)).toContain('ghcr.io/${{ github.repository_owner }}/meet-${{ matrix.image }}')
  })

  test('the containers job runs the container suite on the official images, Egress included, on amd64 and arm64 runners', () => {
    expect(containers.strategy!.matrix.runner).toEqual(['ubuntu-24.04', 'ubuntu-24.04-arm'])
    expect(containers['runs-on']).toBe('${{ matrix.runner }}')
    expect(containers.container).toBeUndefined() // the runner's own Docker engine
    expect(containers.env).toMatchObject({ CI: 'true', MEET_CONTAINER_IMAGES: 'official', MEET_DOCKER_HOST: 'unix:///var/run/docker.sock' })
    expect(containers.steps.map((step) => step.run)).toEqual(
      expect.arrayContaining(['npm ci', 'npx vitest run --project containers tests/containers/stack.test.ts']),
    )
    // Without the stand-in override, Egress is one of the services the suite expects healthy, and it records.
    expect(readRepoFile('tests/containers/stack.test.ts')).toMatch(/engine\.standIns \? \[\] : \['egress'\]/)
  })

  test('every variable the containers job and the test job set is one the harness reads', () => {
    const names = [...Object.keys(containers.env!), ...Object.keys(tests.env ?? {})].filter((name) => name !== 'CI')
    expect(names).toEqual(expect.arrayContaining(['MEET_DOCKER_HOST', 'MEET_CONTAINER_IMAGES', 'COMPOSE_BIN', 'MEET_CONTAINER_STACK_ELSEWHERE']))
    for (const name of [...names, 'CHROMIUM_PATH']) expect(harnessSource).toContain(`process.env.${name}`)
    expect(readRepoFile(workflowPath)).toContain('CHROMIUM_PATH=')
  })

  test("the containers job's Chromium step puts Playwright's browser path in CHROMIUM_PATH", () => {
    const step = containers.steps.find((candidate) => candidate.run?.includes('CHROMIUM_PATH='))!
    // The step as the runner runs it, with the install itself left out (it downloads a browser).
    const script = step
      .run!.split('\n')
      .filter((line) => !line.includes('playwright-core install'))
      .join('\n')
    const githubEnv = join(mkdtempSync(join(tmpdir(), 'meet-gh-env-')), 'env')
    const result = spawnSync('bash', ['--norc', '-e', '-c', script], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, GITHUB_ENV: githubEnv },
      encoding: 'utf8',
    })
    expect(result.status).toBe(0)
    expect(readFileSync(githubEnv, 'utf8')).toMatch(/^CHROMIUM_PATH=\/.+chrom.+\n$/)
  })

  test('deploys staging from main, then production only after staging and the approval of its environment', () => {
    expect(deployStaging.needs).toBe('images')
    expect(deployStaging.if).toContain("github.ref == 'refs/heads/main'")
    expect(deployStaging).toMatchObject({ uses: './.github/workflows/deploy.yml', with: { deployment: 'staging' }, secrets: 'inherit' })
    expect(deployProduction).toMatchObject({
      needs: 'deploy-staging',
      uses: './.github/workflows/deploy.yml',
      with: { deployment: 'production' },
      secrets: 'inherit',
    })
    // The job runs in the environment named after the deployment: production's reviewers hold it.
    expect(deploy.environment).toBe('${{ inputs.deployment }}')
    expect(deploy.env?.DEPLOYMENT).toBe('${{ inputs.deployment }}')
    expect(deploy.steps.some((step) => step.run === 'terraform apply -input=false deploy.tfplan')).toBe(true)
    // Each deployment keeps its own Terraform state.
    expect(deploy.steps.find((step) => step.run?.includes('backend_override'))!.run).toContain('"key": "${DEPLOYMENT}/terraform.tfstate"')
  })

  test('delivers the tag to the running VM after apply, through the bucket Terraform made, and waits for its health', () => {
    const names = deploy.steps.map((step) => (step as { name?: string }).name)
    const release = deploy.steps[names.indexOf('Release')]
    expect(names.indexOf('Release')).toBe(names.indexOf('Apply') + 1)
    // terraform and node played by stand-ins: what the step hands the release script.
    const dir = mkdtempSync(join(tmpdir(), 'meet-release-step-'))
    const bin = join(dir, 'bin')
    spawnSync('mkdir', ['-p', bin, join(dir, 'workspace')])
    writeFileSync(join(bin, 'terraform'), '#!/bin/bash\n[[ "$1 $2" == "output -raw" ]] || exit 64\necho "out-$3"\n', { mode: 0o755 })
    writeFileSync(join(bin, 'node'), `#!/bin/bash\necho "$* $S3_ENDPOINT $S3_BUCKET $S3_ACCESS_KEY $S3_SECRET_KEY $S3_REGION" >"${dir}/node-call"\n`, {
      mode: 0o755,
    })
    const result = spawnSync('bash', ['-e', '-c', release.run!], {
      env: { PATH: `${bin}:/usr/bin:/bin`, GITHUB_WORKSPACE: join(dir, 'workspace'), IMAGE_TAG: 'abc123', OCI_REGION: 'eu-frankfurt-1' },
      encoding: 'utf8',
    })
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toContain('::add-mask::out-s3_secret_key')
    expect(readFileSync(join(dir, 'node-call'), 'utf8').trim()).toBe(
      `${join(dir, 'workspace')}/scripts/deploy/release.ts abc123 out-s3_endpoint out-bucket_name out-s3_access_key out-s3_secret_key eu-frankfurt-1`,
    )
  })

  test('deploys the images it pushed: IMAGE_REGISTRY is the lowercase GHCR path of the owner', () => {
    const step = deploy.steps.find((candidate) => candidate.run?.includes('IMAGE_REGISTRY='))!
    const githubEnv = join(mkdtempSync(join(tmpdir(), 'meet-gh-env-')), 'env')
    const result = spawnSync('bash', ['-e', '-c', step.run!], { env: { GITHUB_REPOSITORY_OWNER: 'My-Org', GITHUB_ENV: githubEnv }, encoding: 'utf8' })
    expect(result.status).toBe(0)
    expect(readFileSync(githubEnv, 'utf8')).toBe('IMAGE_REGISTRY=ghcr.io/my-org\n')
  })
})

describe('Dockerfiles', () => {
  test("pass BuildKit's front end and every lint rule of `docker build --check`", () => {
    expect(lintDockerfiles('runtime/Dockerfile', 'site/Dockerfile')).toEqual({ status: 0, output: '' })
  })

  test('the same check refuses a Dockerfile that breaks its rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meet-dockerfile-'))
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:24 AS Base\nCMD node runtime/main.ts\n')
    const { status, output } = lintDockerfiles(join(dir, 'Dockerfile'))
    expect(status).toBe(1)
    expect(output).toContain('StageNameCasing')
    expect(output).toContain('JSONArgsRecommended')
  })

  test.each(['runtime', 'site'])('%s: Node 24 on a multi-arch Debian base, a dev and a production target, no pinned Node package', (name) => {
    const dockerfile = readRepoFile(`${name}/Dockerfile`)
    // The official image by default; the container suite passes its local stand-in as NODE_IMAGE.
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m)
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS production$/m)
    // No `# syntax=` line: BuildKit would fetch that front end from Docker Hub; the built-in one suffices.
    expect(dockerfile).not.toMatch(/^# syntax=/m)
    expect(dockerfile).toMatch(/ AS dev$/m)
    expect(dockerfile).toMatch(/npm ci --omit=dev --omit=optional --workspace \w+/)
  })

  test('the runtime image runs runtime/main.ts with the root manifest, the lockfile, runtime/ and functions/', () => {
    const dockerfile = readRepoFile('runtime/Dockerfile')
    for (const copied of ['COPY package.json package-lock.json ./', 'COPY runtime/ runtime/', 'COPY functions/ functions/'])
      expect(dockerfile).toContain(copied)
    expect(dockerfile).toContain('CMD ["node", "runtime/main.ts"]')
  })

  test('the site image serves the built site', () => {
    expect(readRepoFile('site/Dockerfile')).toContain('CMD ["node", "site/dist/server/entry.mjs"]')
  })

  test('.dockerignore keeps secrets and local data out of every build context', () => {
    const ignored = readRepoFile('.dockerignore').split('\n')
    for (const entry of ['.env', '.data/', '**/node_modules/']) expect(ignored).toContain(entry)
  })
})
