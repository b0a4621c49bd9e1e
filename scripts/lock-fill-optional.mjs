// npm records an optional platform package in package-lock.json only when the registry can answer for it.
// The registry this project installs from lacks some (e.g. @tarojs/binding-darwin-arm64@4.2.1), and then
// `npm ci` refuses the lock ("Missing: … from lock file"). This adds those entries with the os/cpu/libc
// their names state, so that npm sees the lock as complete and skips them on a platform they do not fit,
// without fetching. Run after any `npm install` that changes the lock.
import { readFileSync, writeFileSync } from 'node:fs'

const file = process.argv[2] ?? 'package-lock.json'
const lock = JSON.parse(readFileSync(file, 'utf8'))
const pkgs = lock.packages

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony']
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 's390x', 'riscv64', 'mips64el', 'wasm32']

function platformOf(name) {
  const parts = name.split('/').pop().split('-')
  const os = parts.find((p) => OS.includes(p))
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('arm') || parts.some((p) => p.startsWith('arm')) ? 'arm' : undefined)
  if (!os || !cpu) return null
  const out = { os: [os], cpu: [cpu] }
  if (parts.some((p) => p.startsWith('musl'))) out.libc = ['musl']
  else if (os === 'linux' && parts.some((p) => p.startsWith('gnu'))) out.libc = ['glibc']
  return out
}

let added = 0
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, range] of Object.entries(meta.optionalDependencies ?? {})) {
    // npm would place it beside its parent, or hoisted at the top.
    const beside = `${path ? path + '/' : ''}node_modules/${dep}`
    if (pkgs[beside] || pkgs[`node_modules/${dep}`]) continue
    const platform = platformOf(dep)
    if (!platform) {
      console.warn(`left alone (no platform in its name): ${dep}`)
      continue
    }
    pkgs[`node_modules/${dep}`] = { version: range.replace(/^[\^~=]/, ''), dev: meta.dev || undefined, optional: true, ...platform }
    added++
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(`added ${added} optional platform entries to ${file}`)
