import { config } from 'zod'
import zhCN from 'zod/v4/locales/zh-CN.js'

// Messages we do not write by hand still reach the user in Chinese. Schemas import zod as
// `import * as z from 'zod'` and this module for its side effect: a re-exported `z` namespace
// defeats tree-shaking and drags every zod locale (~270 KB) into each bundle.
config(zhCN())
// WeChat forbids `new Function`; jitless keeps zod from even probing for it (the probe throws and is logged
// as an error in the weapp console). Taro replaces TARO_ENV at build time; the cloud functions keep the JIT.
if (process.env.TARO_ENV === 'weapp') config({ jitless: true })

export { fieldErrors } from './fieldErrors'
