import Taro from '@tarojs/taro'
import pinOpen from './pin-open.png'
import pinClosed from './pin-closed.png'

/**
 * WeChat's <map> markers take a file path (in the package, a temporary or a user file), not the data: URL the
 * build turns these sub-2 KB PNGs into; so each is written once to the user data folder and that path is used.
 * If writing fails, WeChat's default marker is drawn instead.
 */
let paths: { open: string; closed: string } | null = null

function toFile(name: string, dataUrl: string): string {
  if (!dataUrl.startsWith('data:')) return dataUrl // already a path (a larger image the build emitted as a file)
  const path = `${Taro.env.USER_DATA_PATH}/${name}.png`
  Taro.getFileSystemManager().writeFileSync(path, dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')
  return path
}

export function pinPaths(): { open: string; closed: string } {
  if (paths) return paths
  try {
    paths = { open: toFile('station-pin-open', pinOpen as string), closed: toFile('station-pin-closed', pinClosed as string) }
  } catch {
    paths = { open: '', closed: '' }
  }
  return paths
}
