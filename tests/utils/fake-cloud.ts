import type { CloudApi, RemoteFunction } from '../../scripts/tools/deploy-apply'

/**
 * CloudBase as state, modelled on what SCF does to a redeploy: an upload (and a config change) leaves the
 * function `Updating` until the dependency install finishes, which here happens when someone waits for it
 * (manager-node's waitFunctionActive) — a config or trigger call before that is refused with SCF's own message.
 * `failAt` makes the n-th changing call fail: before it takes effect, or after (the answer was lost).
 */
export interface FakeCloudOptions {
  failAt?: { call: number; when: 'before' | 'after' }
  /** the dependency install of the next upload fails (UpdateFailed) */
  installFails?: boolean
}

export const UPDATING_REFUSAL = '[UpdateFunctionConfiguration] 当前函数处于Updating状态，无法进行此操作，请稍后重试'

export type FakeCloud = CloudApi & {
  calls: string[]
  refused: string[]
  fns: Map<string, RemoteFunction>
  options: FakeCloudOptions
  /** changing calls made so far (the counter failAt refers to) */
  changing: number
}

const sizeOf = (hash: string | null) => Array.from(hash ?? '').reduce((n, c, i) => n + c.charCodeAt(0) * (i + 1), 1000)

export function fakeCloud(options: FakeCloudOptions = {}): FakeCloud {
  // a new environment's bucket: 所有用户可读，仅创建者及管理员可写
  let storageAcl = 'READONLY'
  let clock = 0
  const fns = new Map<string, RemoteFunction>()
  const cols = new Map<string, { indexes: string[]; acl: string | null }>()
  const calls: string[] = []
  const refused: string[] = []
  const col = (n: string) => cols.get(n) as { indexes: string[]; acl: string | null }
  const fn = (n: string) => fns.get(n) as RemoteFunction
  const copy = (f: RemoteFunction | undefined) => (f ? { ...f, env: { ...f.env }, triggers: f.triggers.map((t) => ({ ...t })) } : null)
  const cloud: FakeCloud = {
    calls,
    refused,
    fns,
    options,
    changing: 0,
    getFunction: async (n) => copy(fns.get(n)),
    waitActive: async (n) => {
      const f = fns.get(n)
      if (f && (f.status === 'Updating' || f.status === 'Creating')) {
        f.status = options.installFails ? 'UpdateFailed' : 'Active'
        options.installFails = false
      }
      return copy(f)
    },
    createFunction: (f, description) =>
      change(`createFunction ${f.name}`, () => {
        fns.set(f.name, {
          status: 'Active',
          codeSize: sizeOf(f.codeHash),
          modTime: String(++clock),
          runtime: f.runtime,
          timeout: f.timeout,
          memorySize: f.memorySize,
          description,
          env: { ...f.envVariables },
          triggers: f.triggers.map((t) => ({ ...t })),
          code: f.codeHash,
        } as RemoteFunction)
      }),
    updateCode: (f) =>
      change(`updateCode ${f.name}`, () => {
        notUpdating(f.name, 'UpdateFunctionCode')
        Object.assign(fn(f.name), { status: 'Updating', codeSize: sizeOf(f.codeHash), modTime: String(++clock), code: f.codeHash })
      }),
    updateConfig: (f, description) =>
      change(`updateConfig ${f.name}`, () => {
        notUpdating(f.name, 'UpdateFunctionConfiguration')
        Object.assign(fn(f.name), {
          status: 'Updating',
          modTime: String(++clock),
          timeout: f.timeout,
          memorySize: f.memorySize,
          description,
          env: { ...f.envVariables },
        })
      }),
    deleteTrigger: (n, t) =>
      change(`deleteTrigger ${n} ${t}`, () => {
        notUpdating(n, 'DeleteTrigger')
        fn(n).triggers = fn(n).triggers.filter((x) => x.name !== t)
      }),
    createTriggers: (n, ts) =>
      change(`createTriggers ${n} ${ts.map((t) => t.name).join(',')}`, () => {
        notUpdating(n, 'CreateTrigger')
        if (fn(n).triggers.some((x) => ts.some((t) => t.name === x.name))) throw new Error('ResourceInUse.Trigger')
        fn(n).triggers.push(...ts.map((t) => ({ ...t })))
      }),
    collectionExists: async (n) => cols.has(n),
    createCollection: (n) => change(`createCollection ${n}`, () => void cols.set(n, { indexes: ['_id_'], acl: 'READONLY' })),
    indexNames: async (n) => [...col(n).indexes],
    createIndexes: (n, ix) => change(`createIndexes ${n}`, () => void col(n).indexes.push(...ix.map((i) => i.name))),
    getAcl: async (n) => col(n).acl,
    setAcl: (n, acl) => change(`setAcl ${n}`, () => void (col(n).acl = acl)),
    getStorageAcl: async () => storageAcl,
    setStorageAcl: (acl) => change(`setStorageAcl ${acl}`, () => void (storageAcl = acl)),
  }
  function notUpdating(n: string, action: string) {
    if (fn(n).status === 'Updating') {
      refused.push(`${action} ${n}`)
      throw new Error(UPDATING_REFUSAL.replace('UpdateFunctionConfiguration', action))
    }
  }
  async function change(label: string, effect: () => void): Promise<void> {
    const n = ++cloud.changing
    const fail = options.failAt?.call === n ? options.failAt.when : null
    if (fail === 'before') throw new Error(`network: ${label} failed`)
    effect()
    calls.push(label)
    if (fail === 'after') throw new Error(`network: the answer to ${label} was lost`)
  }
  return cloud
}

/** What a converged environment looks like, to compare two of them. */
export function snapshot(cloud: FakeCloud): unknown {
  return [...cloud.fns.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, f]) => ({
      name,
      // Updating settles by itself; what matters is that nothing failed.
      status: f.status === 'Updating' ? 'Active' : f.status,
      code: (f as RemoteFunction & { code?: string }).code ?? null,
      description: f.description,
      env: f.env,
      timeout: f.timeout,
      triggers: [...f.triggers].sort((a, b) => a.name.localeCompare(b.name)),
    }))
}
