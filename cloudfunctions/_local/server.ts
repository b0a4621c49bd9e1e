import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { SqliteStore } from '../_core/store/sqlite'
import { MODULES, STORE_INDEXES } from './registry'
import { createGateway } from './gateway'
import { localNotifier } from './outbox'
import { deliverOutbox } from '../_core/outbox'
import { consoleLogger } from '../_core/log'
import { sweepRateLimits } from '../_core/rate-limit'
import { systemCtx } from '../_core/contract'
import { seedIfEmpty, upgradeDemoStore } from './seed/seed'
import { seedDeliveryHistory } from './seed/delivery-history'
import { loadOrCreateKey } from './sessions'
import { loadOrCreateLocalKeys } from '../_core/keys'
import { localFiles } from '../_core/files'

/** `npm start` ends here: the embedded store under .data/, seeded on first run, behind the local gateway. */
async function main() {
  const dataDir = resolve(process.env.DATA_DIR ?? '.data')
  mkdirSync(dataDir, { recursive: true })
  const store = new SqliteStore({ file: join(dataDir, 'gonghui.db'), indexes: STORE_INDEXES })
  const files = localFiles() // FILES_DIR, else DATA_DIR/files
  if (await seedIfEmpty(store, new Date(), files)) {
    await seedDeliveryHistory(store, new Date())
    console.log(`已写入演示数据：${dataDir}`)
  } else if (await upgradeDemoStore(store)) console.log('演示数据已补上本县设置（乐陵市总工会 / 371481）')
  const notifier = localNotifier(consoleLogger)
  const keys = loadOrCreateLocalKeys(dataDir)
  // The cloud runs each module's timer job and the outbox deliverer on a timer trigger; locally a timer does the same.
  const tick = async () => {
    const ctx = systemCtx({ store, notifier, keys, files, log: consoleLogger })
    for (const [name, mod] of Object.entries(MODULES)) {
      if (mod.onTimer) await mod.onTimer(ctx).catch((e) => consoleLogger.error('timer_failed', { fn: name, error: String(e) }))
    }
    await sweepRateLimits(store, new Date())
    await deliverOutbox(store, notifier, consoleLogger)
  }
  const timer = setInterval(() => void tick().catch((e) => consoleLogger.error('deliver_failed', { error: String(e) })), 5000)
  timer.unref()
  const server = createGateway({
    store,
    key: loadOrCreateKey(join(dataDir, 'dev-session.key')),
    notifier,
    keys,
    files,
    staticDir: resolve(process.env.STATIC_DIR ?? 'dist/h5'),
  })
  const port = Number(process.env.PORT ?? 8080)
  // A registration rush opens many connections at once; Node's default backlog (511) would reset the overflow.
  server.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => {
    const { port: actual } = server.address() as AddressInfo
    console.log(`工惠本地网关已启动: http://127.0.0.1:${actual}`)
  })
  const stop = () => {
    server.close()
    store.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
