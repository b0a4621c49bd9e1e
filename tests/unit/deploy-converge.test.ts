import { COLLECTIONS, FUNCTION_NAMES } from '../../cloudfunctions/_local/registry'
import { applyPlan, memoryProgress, StepError } from '../../scripts/tools/deploy-apply'
import { buildPlan, type DeployPlan } from '../../scripts/tools/deploy-plan'
import { fakeCloud, snapshot, UPDATING_REFUSAL, type FakeCloud, type FakeCloudOptions } from '../utils/fake-cloud'

/**
 * Issue 18: a redeploy against a CloudBase that keeps a function `Updating` after an upload, refuses config and
 * trigger calls meanwhile, and fails halfway. Whatever call fails, the next run finishes the job, the tenth run
 * changes nothing, and unchanged code is never uploaded twice.
 */
const SECRETS = { PII_KEY: 'cGlpLWtleS1zZWNyZXQtdmFsdWUtZm9yLXRlc3Rpbmc=', CARD_SIGNING_KEY: 'Y2FyZC1zaWduaW5nLXNlY3JldC12YWx1ZQ==' }
const quiet = () => undefined

function plan(version: string, extra: Record<string, string> = {}, timerFunctions = ['childcare']): DeployPlan {
  const p = buildPlan({
    envId: 'e',
    functionNames: FUNCTION_NAMES,
    collections: COLLECTIONS,
    secrets: SECRETS,
    vars: { WX_TEMPLATES: JSON.stringify({ v: version, ...extra }) },
    distRoot: '/nonexistent',
    timerFunctions,
  })
  for (const f of p.functions) f.codeHash = `${version}-${f.name}`.padEnd(12, '0').slice(0, 12)
  return p
}

/** The environment after a clean deploy of v1 in the old layout (account's own outbox timer), counter reset. */
async function deployedV1(options: FakeCloudOptions = {}): Promise<FakeCloud> {
  const cloud = fakeCloud()
  await applyPlan(plan('v1', {}, []), cloud, quiet)
  expect(cloud.fns.get('account')?.triggers.map((t) => t.name)).toEqual(['deliver-outbox'])
  cloud.calls.length = 0
  cloud.changing = 0
  Object.assign(cloud.options, options)
  return cloud
}

/**
 * v2 changes the code of two functions (one of them gets the shared timer trigger), one variable of every function,
 * and moves the outbox timer from account to childcare.
 */
function v2(): DeployPlan {
  const p = plan('v1', { changed: 'yes' })
  for (const f of p.functions) if (f.name === 'childcare' || f.name === 'profile') f.codeHash = `v2-${f.name}`.padEnd(12, '0').slice(0, 12)
  return p
}

const uploads = (cloud: FakeCloud) => cloud.calls.filter((c) => c.startsWith('updateCode') || c.startsWith('createFunction'))

describe('deploy against CloudBase that is Updating after an upload', () => {
  it('a redeploy with new code waits for the install before the config and trigger steps: nothing is refused', async () => {
    const cloud = await deployedV1()
    const changes = await applyPlan(v2(), cloud, quiet)
    expect(cloud.refused).toEqual([])
    expect(changes).toBeGreaterThan(FUNCTION_NAMES.length)
    expect(uploads(cloud).sort()).toEqual(['updateCode childcare', 'updateCode profile'])
    expect(cloud.calls).toContain('deleteTrigger account deliver-outbox')
    expect([...cloud.fns].flatMap(([n, f]) => f.triggers.map((t) => `${n}/${t.name}`))).toEqual(['childcare/timer-jobs'])
    // Without waiting the fake refuses, as SCF does: the model is not toothless.
    await cloud.waitActive(v2().functions[0].name)
    await expect(cloud.updateCode(v2().functions[0])).resolves.toBeUndefined()
    await expect(cloud.updateConfig(v2().functions[0], 'x')).rejects.toThrow('当前函数处于Updating状态')
    expect(UPDATING_REFUSAL).toContain('Updating')
  })

  it('a failed dependency install stops the deploy with what to fix, and the next run uploads again', async () => {
    const cloud = await deployedV1({ installFails: true })
    const err = await applyPlan(v2(), cloud, quiet).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StepError)
    expect((err as StepError).hint).toContain('安装依赖失败')
    await applyPlan(v2(), cloud, quiet)
    const fresh = fakeCloud()
    await applyPlan(v2(), fresh, quiet)
    expect(snapshot(cloud)).toEqual(snapshot(fresh))
  })

  it('a function left Updating by a killed run is waited for, not refused', async () => {
    const cloud = await deployedV1()
    ;(cloud.fns.get('account') as { status: string }).status = 'Updating'
    await applyPlan(v2(), cloud, quiet)
    expect(cloud.refused).toEqual([])
  })
})

describe('convergence from every failure point', () => {
  const scenarios: Array<[string, () => Promise<FakeCloud>, () => DeployPlan]> = [
    ['fresh environment', async () => fakeCloud(), () => plan('v1')],
    ['redeploy with new code and config', deployedV1, v2],
  ]
  for (const [name, start, target] of scenarios) {
    it(`${name}: whichever changing call fails (before or after it took effect), the 2nd run converges and the 3rd–10th change nothing`, async () => {
      // The clean run: how many changing calls there are, and where it ends.
      const clean = await start()
      await applyPlan(target(), clean, quiet)
      const total = clean.changing
      const goal = snapshot(clean)
      expect(total).toBeGreaterThan(10)
      for (let call = 1; call <= total; call++) {
        for (const when of ['before', 'after'] as const) {
          const cloud = await start()
          cloud.changing = 0
          cloud.options.failAt = { call, when }
          const progress = memoryProgress()
          const label = `${name}, call ${call} fails ${when}`
          await expect(applyPlan(target(), cloud, quiet, progress)).rejects.toBeInstanceOf(StepError)
          const failedCall = when === 'after' ? cloud.calls[cloud.calls.length - 1] : null
          await applyPlan(target(), cloud, quiet, progress)
          expect({ label, state: snapshot(cloud) }).toEqual({ label, state: goal })
          for (let run = 3; run <= 10; run++) {
            const before = cloud.calls.length
            expect({ label, run, changes: await applyPlan(target(), cloud, quiet, progress) }).toEqual({ label, run, changes: 0 })
            expect(cloud.calls.length).toBe(before)
          }
          expect({ label, refused: cloud.refused }).toEqual({ label, refused: [] })
          // Each function's code goes up once; only an upload whose answer was lost is sent again.
          const counts = new Map<string, number>()
          for (const u of uploads(cloud)) counts.set(u, (counts.get(u) ?? 0) + 1)
          for (const [u, n] of counts) expect({ label, u, n }).toEqual({ label, u, n: u === failedCall ? n : 1 })
          expect(progress.records.size).toBe(0)
        }
      }
    })
  }

  it('an upload that installed is not sent again after the config step failed', async () => {
    const cloud = await deployedV1()
    // fail the first config call after the first upload
    const probe = await deployedV1()
    await applyPlan(v2(), probe, quiet)
    const configAfterUpload = probe.calls.findIndex((c, i) => c.startsWith('updateConfig') && probe.calls[i - 1]?.startsWith('updateCode')) + 1
    cloud.options.failAt = { call: configAfterUpload, when: 'before' }
    const progress = memoryProgress()
    await expect(applyPlan(v2(), cloud, quiet, progress)).rejects.toThrow(StepError)
    expect(progress.records.size).toBe(1)
    const lines: string[] = []
    await applyPlan(v2(), cloud, (l) => lines.push(l), progress)
    expect(lines.some((l) => l.includes('uploaded by an earlier run'))).toBe(true)
    expect(uploads(cloud)).toHaveLength(2)
  })

  it('an upload record is not trusted once someone else changed the function', async () => {
    const cloud = await deployedV1()
    const progress = memoryProgress()
    const p = v2()
    const f = p.functions.find((x) => x.name === 'profile')
    if (!f) throw new Error('profile missing')
    const remote = cloud.fns.get('profile')
    if (!remote) throw new Error('profile not deployed')
    progress.set('profile', { codeHash: f.codeHash ?? '', codeSize: remote.codeSize, modTime: 'someone-else' })
    await applyPlan(p, cloud, quiet, progress)
    expect(uploads(cloud)).toContain('updateCode profile')
  })
})
