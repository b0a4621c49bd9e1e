import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { COLLECTIONS, FUNCTION_NAMES, functionFolders } from '../../cloudfunctions/_local/registry'
import { applyPlan, type CloudApi, type RemoteFunction } from '../../scripts/tools/deploy-apply'
import { buildPlan, formatPlan, OUTBOX_TRIGGER, RUNTIME } from '../../scripts/tools/deploy-plan'

const ROOT = join(__dirname, '..', '..')
const SECRETS = { PII_KEY: 'cGlpLWtleS1zZWNyZXQtdmFsdWUtZm9yLXRlc3Rpbmc=', CARD_SIGNING_KEY: 'Y2FyZC1zaWduaW5nLXNlY3JldC12YWx1ZQ==' }

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : []
  })
}

describe('deploy plan', () => {
  const plan = buildPlan({
    envId: 'gonghui-test',
    functionNames: FUNCTION_NAMES,
    collections: COLLECTIONS,
    secrets: SECRETS,
    vars: {},
    distRoot: '/nonexistent',
  })

  it('covers every function folder with runtime, timeout, memory, secrets and the outbox timer', () => {
    expect(plan.functions.map((f) => f.name)).toEqual(functionFolders(join(ROOT, 'cloudfunctions')))
    for (const f of plan.functions) {
      expect(f.runtime).toBe(RUNTIME)
      expect(f.timeout).toBeGreaterThanOrEqual(10)
      expect(f.timeout).toBeLessThanOrEqual(60)
      expect(f.memorySize).toBeGreaterThanOrEqual(128)
      expect(Object.keys(f.envVariables)).toEqual(expect.arrayContaining(['PII_KEY', 'CARD_SIGNING_KEY']))
      // The county lives in the database's settings, set up by admin-code / deploy: no variable is required for it.
      expect(f.envVariables).not.toHaveProperty('COUNTY_ORG_ID')
      expect(f.missing.filter((m) => !m.includes('index.js'))).toEqual([])
    }
    expect(plan.functions.flatMap((f) => f.triggers)).toEqual([OUTBOX_TRIGGER])
  })

  it('covers every declared collection, core ones included, admin-only, with the SQLite indexes', () => {
    expect(plan.collections.map((c) => c.name).sort()).toEqual(Object.keys(COLLECTIONS).sort())
    for (const core of ['users', 'orgs', 'outbox', 'audit_log', 'rate_limits']) expect(plan.collections.map((c) => c.name)).toContain(core)
    expect(plan.collections.every((c) => c.acl === 'ADMINONLY')).toBe(true)
    const stations = plan.collections.find((c) => c.name === 'stations')
    expect(stations?.indexes[0]).toEqual({ name: 'location_2dsphere', keys: [{ name: 'location', direction: '2dsphere' }] })
    const apps = plan.collections.find((c) => c.name === 'applications')
    // Every index ends in _id, the tie-breaker the adapter adds to every sort, so that the index serves the sort.
    expect(apps?.indexes.map((i) => i.name)).toContain('orgId_1_status_1_submittedAt_1__id_1')
    for (const c of plan.collections)
      for (const ix of c.indexes) if (ix.keys[0].direction !== '2dsphere') expect(ix.keys[ix.keys.length - 1].name).toBe('_id')
  })

  it('grants every function subscribeMessage.send, and profile also 手机号快速验证 (phonenumber.getPhoneNumber)', () => {
    for (const f of plan.functions) expect(f.openapi).toContain('subscribeMessage.send')
    expect(plan.functions.find((f) => f.name === 'profile')?.openapi).toContain('phonenumber.getPhoneNumber')
    expect(plan.functions.filter((f) => f.openapi.includes('phonenumber.getPhoneNumber')).map((f) => f.name)).toEqual(['profile'])
    expect(formatPlan(plan)).toContain('function profile: runtime')
    expect(formatPlan(plan)).toMatch(/function profile:.*openapi subscribeMessage\.send phonenumber\.getPhoneNumber/)
  })

  it('never prints a secret', () => {
    const text = formatPlan(plan)
    expect(text).toContain('env PII_KEY=<secret')
    for (const v of Object.values(SECRETS)) expect(text).not.toContain(v)
  })

  it('every collection the code names in a store call is declared', () => {
    const sources = files(join(ROOT, 'cloudfunctions')).filter((f) => !f.includes(`${join('_core', 'store')}`))
    const text = new Map(sources.map((f) => [f, readFileSync(f, 'utf8')]))
    const constants = new Map<string, string>()
    for (const src of text.values())
      for (const m of src.matchAll(/\bconst\s+([A-Z][A-Z0-9_]*)\s*=\s*['"]([a-z][a-z0-9_]*)['"]/g)) constants.set(m[1], m[2])
    const used = new Map<string, string>()
    const call =
      /\b(?:store|tx|[a-z]+Store)\s*\.\s*(?:get|find|count|insert|put|update|remove|nearest)\s*(?:<[^()]*?>)?\(\s*(?:['"]([a-z][a-z0-9_]*)['"]|([A-Z][A-Z0-9_]*)\b)/g
    for (const [file, src] of text) {
      for (const m of src.matchAll(call)) {
        const name = m[1] ?? constants.get(m[2])
        if (!name) throw new Error(`${relative(ROOT, file)}: collection constant ${m[2]} is not a literal the test can resolve`)
        used.set(name, relative(ROOT, file))
      }
    }
    expect(used.size).toBeGreaterThan(8)
    const undeclared = [...used].filter(([name]) => !(name in COLLECTIONS)).map(([name, file]) => `${name} (${file})`)
    expect(undeclared).toEqual([])
  })
})

/** CloudBase as a map of state, to show that a second deploy run changes nothing. */
function fakeCloud(): CloudApi & { calls: string[] } {
  // a new environment's bucket: 所有用户可读，仅创建者及管理员可写
  let storageAcl = 'READONLY'
  const fns = new Map<string, RemoteFunction>()
  const cols = new Map<string, { indexes: string[]; acl: string | null }>()
  const calls: string[] = []
  const col = (n: string) => cols.get(n) as { indexes: string[]; acl: string | null }
  return {
    calls,
    getFunction: async (n) => fns.get(n) ?? null,
    createFunction: async (f, description) => {
      calls.push('createFunction ' + f.name)
      fns.set(f.name, {
        runtime: f.runtime,
        timeout: f.timeout,
        memorySize: f.memorySize,
        description,
        env: { ...f.envVariables },
        triggers: [...f.triggers],
      })
    },
    updateCode: async (f) => void calls.push('updateCode ' + f.name),
    updateConfig: async (f, description) => {
      calls.push('updateConfig ' + f.name)
      Object.assign(fns.get(f.name) as RemoteFunction, { timeout: f.timeout, memorySize: f.memorySize, description, env: { ...f.envVariables } })
    },
    deleteTrigger: async (fn, t) => void calls.push(`deleteTrigger ${fn} ${t}`),
    createTriggers: async (fn, ts) => {
      calls.push('createTriggers ' + fn)
      const f = fns.get(fn) as RemoteFunction
      f.triggers = [...f.triggers.filter((x) => !ts.some((t) => t.name === x.name)), ...ts]
    },
    collectionExists: async (n) => cols.has(n),
    createCollection: async (n) => {
      calls.push('createCollection ' + n)
      cols.set(n, { indexes: ['_id_'], acl: 'READONLY' })
    },
    indexNames: async (n) => col(n).indexes,
    createIndexes: async (n, ix) => {
      calls.push('createIndexes ' + n)
      col(n).indexes.push(...ix.map((i) => i.name))
    },
    getAcl: async (n) => col(n).acl,
    setAcl: async (n, acl) => {
      calls.push('setAcl ' + n)
      col(n).acl = acl
    },
    getStorageAcl: async () => storageAcl,
    setStorageAcl: async (acl) => {
      calls.push('setStorageAcl ' + acl)
      storageAcl = acl
    },
  }
}

describe('deploy apply', () => {
  it('creates everything on a fresh env, and a second run changes nothing', async () => {
    const plan = buildPlan({
      envId: 'e',
      functionNames: FUNCTION_NAMES,
      collections: COLLECTIONS,
      secrets: SECRETS,
      vars: {},
      distRoot: '/nonexistent',
    })
    for (const f of plan.functions) f.codeHash = 'abc123abc123'
    const cloud = fakeCloud()
    const lines: string[] = []
    const first = await applyPlan(plan, cloud, (l) => lines.push(l))
    expect(first).toBeGreaterThan(plan.collections.length)
    expect(cloud.calls.filter((c) => c.startsWith('createFunction'))).toHaveLength(plan.functions.length)
    // the bucket becomes private: clients read only what they uploaded themselves
    expect(cloud.calls).toContain('setStorageAcl PRIVATE')
    expect(lines).toContain('storage: permission READONLY → PRIVATE')
    expect(lines.join('\n')).not.toContain(SECRETS.PII_KEY)
    cloud.calls.length = 0
    const again: string[] = []
    expect(await applyPlan(plan, cloud, (l) => again.push(l))).toBe(0)
    expect(cloud.calls).toEqual([])
    expect(again).toContain('storage: permission PRIVATE unchanged')
    // New code for one function: only its code and description change.
    plan.functions[0].codeHash = 'fff000fff000'
    expect(await applyPlan(plan, cloud, () => undefined)).toBe(2)
    expect(cloud.calls).toEqual([`updateCode ${plan.functions[0].name}`, `updateConfig ${plan.functions[0].name}`])
  })
})

describe('npm run deploy', () => {
  const run = (args: string[], extra: Record<string, string> = {}) => {
    const env: Record<string, string | undefined> = { ...process.env, GH_DOTENV: 'does-not-exist.env', ...extra }
    for (const k of ['TCB_ENV_ID', 'TCB_SECRET_ID', 'TCB_SECRET_KEY', 'COUNTY_NAME', 'REGION_CODE']) if (!(k in extra)) delete env[k]
    return spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/tools/deploy.ts', ...args], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      encoding: 'utf8',
    })
  }

  it('--dry-run prints the whole plan without credentials and never a secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-deploy-'))
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify(SECRETS))
    const r = run(['--dry-run'], { GH_SECRETS_FILE: join(dir, 'secrets.json'), TCB_ENV_ID: 'gonghui-test' })
    expect(r.status).toBe(0)
    for (const fn of FUNCTION_NAMES) expect(r.stdout).toContain(`function ${fn}: runtime ${RUNTIME}`)
    for (const c of Object.keys(COLLECTIONS)) expect(r.stdout).toContain(`collection ${c}: permission ADMINONLY`)
    expect(r.stdout).toContain('index location_2dsphere')
    expect(r.stdout).toContain('trigger deliver-outbox')
    expect(r.stdout).toContain('storage: permission PRIVATE（仅创建者及管理员可读写）')
    for (const v of Object.values(SECRETS)) expect(r.stdout + r.stderr).not.toContain(v)
  })

  it('without credentials says what is missing and exits 1 without a stack trace', () => {
    const r = run([])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('无法部署')
    expect(r.stderr).toContain('TCB_SECRET_ID')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('timer trigger', () => {
  it('recognises the event CloudBase sends a timer-triggered function', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { isTimerEvent } = require('../../cloudfunctions/_core/cloud') as typeof import('../../cloudfunctions/_core/cloud')
    expect(isTimerEvent({ Type: 'Timer', TriggerName: 'deliver-outbox', Time: '2026-01-05T02:00:00Z' })).toBe(true)
    expect(isTimerEvent({ action: 'me', data: {} })).toBe(false)
    expect(isTimerEvent(null)).toBe(false)
  })
})
