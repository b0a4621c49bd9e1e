// `npm start`: build the functions and the H5 app, then run the local gateway (which seeds .data/ on first run).
// The H5 build takes minutes on a small machine: it is skipped when its sources have not changed since the last
// one (a hash of src/, config/ and the build settings, kept beside dist/h5). `--no-h5` skips it outright.
import { spawnSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const STAMP = 'dist/.h5-sources'
const INPUTS = ['src', 'config', 'package.json', 'package-lock.json', 'babel.config.js', 'tsconfig.json', 'project.config.json']

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

/** One hash over every input file's path and content. */
function sourcesHash() {
  const hash = createHash('sha256')
  const files = []
  for (const input of INPUTS.filter((p) => existsSync(p))) {
    if (!statSync(input).isDirectory()) files.push(input)
    else for (const e of readdirSync(input, { withFileTypes: true, recursive: true })) if (e.isFile()) files.push(join(e.parentPath, e.name))
  }
  for (const file of files.sort())
    hash
      .update(file + '\0')
      .update(readFileSync(file))
      .update('\0')
  return hash.digest('hex')
}

run('node', ['scripts/build-functions.mjs'])
if (process.argv.includes('--no-h5')) {
  console.log('跳过 H5 构建（--no-h5），使用现有的 dist/h5')
} else {
  const hash = sourcesHash()
  const built = existsSync('dist/h5/index.html') && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash
  if (built) {
    console.log('H5 应用的源码自上次构建以来没有变化，跳过构建（dist/h5）')
  } else {
    console.log('正在构建 H5 应用（约 1–2 分钟）…')
    run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })
    writeFileSync(STAMP, hash + '\n')
  }
}
const server = spawn('node', ['dist/local/server.cjs'], { stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig))
server.on('exit', (code) => process.exit(code ?? 0))
