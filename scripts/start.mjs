// `npm start`: build the functions and the H5 app, then run the local gateway (which seeds .data/ on first run).
import { spawnSync, spawn } from 'node:child_process'

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

run('node', ['scripts/build-functions.mjs'])
if (!process.argv.includes('--no-h5')) {
  console.log('正在构建 H5 应用（约 1–2 分钟）…')
  run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })
}
const server = spawn('node', ['dist/local/server.cjs'], { stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig))
server.on('exit', (code) => process.exit(code ?? 0))
