// The built local gateway (dist/local/server.cjs) on a free port with a fresh data dir: the sandbox's
// wx.cloud.callFunction asks it as a demo persona, the way the H5 build does.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export async function startGateway(root) {
  const server = join(root, 'dist/local/server.cjs')
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build:functions\` first`)
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-weapp-'))
  const child = spawn(process.execPath, [server], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, STATIC_DIR: join(dataDir, 'no-h5') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start within 30 s:\n${output}`)), 30000)
    const onData = (chunk) => {
      output += chunk.toString()
      const m = output.match(/http:\/\/127\.0\.0\.1:\d+/)
      if (m) {
        clearTimeout(timer)
        resolve(m[0])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (c) => (output += c.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`gateway exited with ${code}:\n${output}`))
    })
  })
  child.stdout.resume()
  const personas = (await (await fetch(url + '/api/dev/personas')).json()).data
  const tokens = new Map()
  async function tokenFor(openid) {
    if (!openid) return ''
    if (!tokens.has(openid)) {
      const res = await fetch(url + '/api/dev/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid }),
      })
      tokens.set(openid, (await res.json()).data.token)
    }
    return tokens.get(openid)
  }
  return {
    url,
    personas,
    /** The function's answer as JSON text, called as `openid` (none: no identity). */
    async call(openid, name, data) {
      const token = await tokenFor(openid)
      const res = await fetch(`${url}/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) },
        body: JSON.stringify(data),
      })
      return res.text()
    },
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
